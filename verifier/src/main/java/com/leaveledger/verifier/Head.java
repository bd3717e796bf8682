package com.leaveledger.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * An aggregate's head at a checkpoint's position: its last event at or below the position, named by sequence number
 * and chain hash (which vouches for every earlier event of the aggregate). {@code globalIndex} is where the store
 * held that event; it is not hashed (the chain never covers global indices) and serves to name a broken event.
 */
public record Head(String aggregateId, long sequenceNumber, byte[] chainHash, long globalIndex) {

    /** The order of a checkpoint's leaves: aggregate ids compared as unsigned UTF-8 bytes (PostgreSQL's "C"). */
    public static final Comparator<Head> CANONICAL_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.aggregateId.getBytes(StandardCharsets.UTF_8),
                    b.aggregateId.getBytes(StandardCharsets.UTF_8));

    private static final byte[] FORMAT = "leave-ledger/head/v1".getBytes(StandardCharsets.UTF_8);

    /** The leaf's bytes: the format tag, the aggregate id (4-byte length, UTF-8), the sequence (8 bytes), the hash. */
    public byte[] leaf() {
        byte[] id = aggregateId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(FORMAT.length + 4 + id.length + 8 + chainHash.length)
                .put(FORMAT).putInt(id.length).put(id).putLong(sequenceNumber).put(chainHash).array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Head head && aggregateId.equals(head.aggregateId)
                && sequenceNumber == head.sequenceNumber && Arrays.equals(chainHash, head.chainHash)
                && globalIndex == head.globalIndex;
    }

    @Override
    public int hashCode() {
        return aggregateId.hashCode() * 31 + Long.hashCode(sequenceNumber);
    }

    @Override
    public String toString() {
        return "Head[" + aggregateId + "#" + sequenceNumber + " @" + globalIndex + "]";
    }
}
