package com.leaveledger.verifier;

import java.time.Instant;
import java.util.List;

/**
 * The lines of an evidence bundle, format {@value #FORMAT} (docs/bundle-format.md; docs/adr/0033, section 6): NDJSON,
 * one JSON object per line, its member {@code kind} naming the line. In this order: one {@link Header}, the
 * {@link CheckpointLine}s in their numbers' order, one {@link HeadLine} per aggregate the latest checkpoint holds a
 * head of, then every event of each aggregate in sequence order — an {@link EventLine} in full, or a
 * {@link DigestLine} with its content hash only — and one {@link End} with the counts, which tells a complete bundle
 * from a cut-off one.
 */
public final class Bundle {

    public static final String FORMAT = "leave-ledger/bundle/v1";

    private Bundle() {
    }

    public sealed interface Line permits Header, CheckpointLine, HeadLine, EventLine, DigestLine, End {
    }

    /** Who and which period the bundle is about, and the public keys its checkpoints are signed with. */
    public record Header(String format, String employeeId, Instant from, Instant to, Instant createdAt,
                         List<Key> keys) implements Line {
    }

    /** A public key: Ed25519, X.509 SubjectPublicKeyInfo (DER); {@code keyId} as the store names it. */
    public record Key(String keyId, String algorithm, byte[] publicKey) {
    }

    public record CheckpointLine(Checkpoint checkpoint) implements Line {
    }

    /**
     * An aggregate's head at the latest checkpoint, with its audit path (RFC 9162) to that checkpoint's heads root;
     * {@code leafIndex} is the head's place among the checkpoint's {@code aggregateCount} sorted heads.
     */
    public record HeadLine(Head head, long leafIndex, List<byte[]> path) implements Line {
    }

    /** An event in the bundle's period: every hashed field as stored, and both hashes. */
    public record EventLine(StoredEvent event) implements Line {
    }

    /** An event outside the period: enough to carry the aggregate's chain through it, nothing of its content. */
    public record DigestLine(long globalIndex, String aggregateId, long sequenceNumber, byte[] contentHash)
            implements Line {
    }

    /** The last line: how many lines of each kind came before it. */
    public record End(long checkpoints, long heads, long events, long digests) implements Line {
    }
}
