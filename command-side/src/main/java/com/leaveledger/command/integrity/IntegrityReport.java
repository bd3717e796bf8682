package com.leaveledger.command.integrity;

import com.leaveledger.verifier.ChainVerifier;

/**
 * The answer of a verification: {@code VERIFIED} when every event checked out, else {@code BROKEN} with the broken
 * event of the lowest global index and how many broke in all.
 */
public record IntegrityReport(Status status, long eventsChecked, long checkpointsChecked, long breaks,
                              FirstBreak firstBreak) {

    public enum Status { VERIFIED, BROKEN }

    public record FirstBreak(long globalIndex, String aggregateId, long sequenceNumber, String reason) {
    }

    static IntegrityReport of(ChainVerifier verifier, long checkpointsChecked) {
        ChainVerifier.Break first = verifier.firstBreak();
        return new IntegrityReport(first == null ? Status.VERIFIED : Status.BROKEN, verifier.eventsChecked(),
                checkpointsChecked, verifier.breaks(),
                first == null ? null : new FirstBreak(first.globalIndex(), first.aggregateId(), first.sequenceNumber(),
                        first.reason().code()));
    }
}
