package com.leaveledger.verifier;

/** A bundle that is not one: not NDJSON of format {@value Bundle#FORMAT}, out of order, or cut off. */
public class UnreadableBundleException extends RuntimeException {

    private final long line;

    public UnreadableBundleException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public UnreadableBundleException(long line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /** The 1-based line the problem was found at. */
    public long line() {
        return line;
    }
}
