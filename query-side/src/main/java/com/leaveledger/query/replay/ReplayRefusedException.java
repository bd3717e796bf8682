package com.leaveledger.query.replay;

/** A replay that cannot start: unknown projection, or one already running. */
public class ReplayRefusedException extends RuntimeException {

    public enum Reason { UNKNOWN_PROJECTION, ALREADY_RUNNING }

    private final Reason reason;

    public ReplayRefusedException(Reason reason, String projection) {
        super(reason == Reason.UNKNOWN_PROJECTION
                ? "no projection named " + projection
                : "a replay of " + projection + " is already running");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
