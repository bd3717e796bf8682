package com.leaveledger.verifier;

/**
 * One event as the command side's store holds it: every column that is hashed, byte for byte, and the two hashes
 * written beside it (docs/adr/0033, section 2).
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData,
        String timeStamp,
        byte[] contentHash,
        byte[] chainHash) {
}
