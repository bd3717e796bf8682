package com.leaveledger.command.integrity;

import com.leaveledger.verifier.ChainVerifier;

/**
 * The answer of a verification: {@code VERIFIED} when every event and checkpoint checked out, else {@code BROKEN}
 * with the break of the lowest global index and how many broke in all. A checkpoint's break (a bad signature, a
 * broken checkpoint chain, a count or a root no aggregate can be named for) is placed at its position, with no
 * aggregate and no sequence number.
 */
public record IntegrityReport(Status status, long eventsChecked, long checkpointsChecked, long breaks,
                              FirstBreak firstBreak) {

    public enum Status { VERIFIED, BROKEN }

    public record FirstBreak(long globalIndex, String aggregateId, Long sequenceNumber, String reason) {
    }

    static IntegrityReport of(long eventsChecked, long checkpointsChecked, long breaks, ChainVerifier.Break first) {
        return new IntegrityReport(first == null ? Status.VERIFIED : Status.BROKEN, eventsChecked, checkpointsChecked,
                breaks, first == null ? null : new FirstBreak(first.globalIndex(), first.aggregateId(),
                first.aggregateId() == null ? null : first.sequenceNumber(), first.reason().code()));
    }
}
