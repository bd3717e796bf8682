package com.leaveledger.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A signed checkpoint (docs/adr/0033, section 3): up to {@code position} (a global index below which no transaction
 * could still commit) the store held {@code eventCount} events of {@code aggregateCount} aggregates, whose heads hash
 * to {@code headsRoot}; it follows the checkpoint whose {@link #hash()} is {@code previousHash} (32 zero bytes before
 * the first, number 0) and is signed with Ed25519 by the key {@code keyId} over {@link #canonical()}.
 */
public record Checkpoint(long number, long position, long eventCount, long aggregateCount, byte[] headsRoot,
                         byte[] previousHash, Instant createdAt, String keyId, byte[] signature) {

    /** The previous hash of checkpoint 0. */
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] FORMAT = "leave-ledger/checkpoint/v1".getBytes(StandardCharsets.UTF_8);

    public Checkpoint {
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * What is signed: the format tag, then number, position, event count and aggregate count as 8 bytes each
     * (big-endian), the heads root and the previous hash (32 bytes each), the creation time (ISO-8601 UTC,
     * milliseconds) and the key id, each text as a 4-byte length and its UTF-8 bytes.
     */
    public byte[] canonical() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(FORMAT);
        out.writeBytes(ByteBuffer.allocate(32).putLong(number).putLong(position).putLong(eventCount)
                .putLong(aggregateCount).array());
        out.writeBytes(headsRoot);
        out.writeBytes(previousHash);
        text(out, DateTimeFormatter.ISO_INSTANT.format(createdAt));
        text(out, keyId);
        return out.toByteArray();
    }

    /** What the next checkpoint names as its previous: SHA-256 of the canonical bytes and the signature. */
    public byte[] hash() {
        var digest = EventHashes.sha256();
        digest.update(canonical());
        digest.update(signature);
        return digest.digest();
    }

    public Checkpoint signedWith(CheckpointSigner signer) {
        Checkpoint named = new Checkpoint(number, position, eventCount, aggregateCount, headsRoot, previousHash,
                createdAt, signer.keyId(), new byte[0]);
        return new Checkpoint(number, position, eventCount, aggregateCount, headsRoot, previousHash, createdAt,
                signer.keyId(), signer.sign(named.canonical()));
    }

    private static void text(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && number == c.number && position == c.position
                && eventCount == c.eventCount && aggregateCount == c.aggregateCount
                && Arrays.equals(headsRoot, c.headsRoot) && Arrays.equals(previousHash, c.previousHash)
                && createdAt.equals(c.createdAt) && keyId.equals(c.keyId) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Long.hashCode(position);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + number + " position=" + position + " events=" + eventCount + " aggregates="
                + aggregateCount + " key=" + keyId + " at " + createdAt + "]";
    }
}
