package com.leaveledger.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of docs/adr/0033, section 2, exactly as the store's trigger computes them
 * ({@code command-side/src/main/resources/db/migration/V5__append_only_chained_events.sql}):
 * {@code content = SHA-256(canonical bytes)} and {@code chain = SHA-256(previous chain || content)}, with 32 zero bytes
 * before an aggregate's sequence 0.
 */
public final class EventHashes {

    /** The chain hash before an aggregate's first event. */
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] FORMAT = "leave-ledger/event/v1".getBytes(StandardCharsets.UTF_8);

    private EventHashes() {
    }

    /**
     * The format tag, then each field as a 4-byte big-endian length and its bytes (length -1 for null), text as
     * UTF-8, the sequence number as 8 bytes.
     */
    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        out.writeBytes(FORMAT);
        text(out, event.eventIdentifier());
        text(out, event.aggregateIdentifier());
        out.writeBytes(ByteBuffer.allocate(8).putLong(event.sequenceNumber()).array());
        text(out, event.type());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        field(out, event.payload());
        field(out, event.metaData());
        text(out, event.timeStamp());
        return out.toByteArray();
    }

    public static byte[] contentHash(StoredEvent event) {
        return sha256().digest(canonical(event));
    }

    public static byte[] chainHash(byte[] previousChainHash, byte[] contentHash) {
        MessageDigest digest = sha256();
        digest.update(previousChainHash);
        digest.update(contentHash);
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void text(ByteArrayOutputStream out, String value) {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }
}
