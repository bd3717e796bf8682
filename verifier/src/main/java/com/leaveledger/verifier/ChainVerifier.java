package com.leaveledger.verifier;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Checks a store's events, fed in {@code (aggregateIdentifier, sequenceNumber)} order, one at a time and in constant
 * memory: each event's content hash against its bytes, its chain hash against its predecessor's, and each
 * aggregate's sequence starting at 0 without a gap. It goes on after a break, so that {@link #breaks()} names the
 * broken event with the lowest global index (the earliest written), not merely the first one fed.
 */
public final class ChainVerifier {

    private String aggregate;
    private long expectedSequence;
    private byte[] previousChain;
    private long eventsChecked;
    private final Breaks breaks = new Breaks();

    public void accept(StoredEvent event) {
        eventsChecked++;
        if (!Objects.equals(event.aggregateIdentifier(), aggregate)) {
            aggregate = event.aggregateIdentifier();
            expectedSequence = 0;
            previousChain = EventHashes.GENESIS;
        }
        byte[] content = EventHashes.contentHash(event);
        if (event.sequenceNumber() != expectedSequence) {
            report(event, event.sequenceNumber() > expectedSequence ? Reason.SEQUENCE_GAP : Reason.SEQUENCE_REPEATED);
        } else if (!MessageDigest.isEqual(content, event.contentHash())) {
            report(event, Reason.CONTENT_HASH_MISMATCH);
        } else if (!MessageDigest.isEqual(EventHashes.chainHash(previousChain, content), event.chainHash())) {
            report(event, Reason.CHAIN_BROKEN);
        }
        // Whatever broke, the chain goes on from what the store says, so one edit reports one event, not every
        // later event of its aggregate.
        expectedSequence = event.sequenceNumber() + 1;
        previousChain = event.chainHash() == null ? EventHashes.GENESIS : event.chainHash();
    }

    /**
     * An event known by its content hash only (a bundle's digest of an event outside its period): its content cannot
     * be checked, its sequence can, and the chain goes on through it as {@code SHA-256(previous || content)}.
     */
    public void acceptDigest(long globalIndex, String aggregateIdentifier, long sequenceNumber, byte[] contentHash) {
        eventsChecked++;
        if (!Objects.equals(aggregateIdentifier, aggregate)) {
            aggregate = aggregateIdentifier;
            expectedSequence = 0;
            previousChain = EventHashes.GENESIS;
        }
        if (sequenceNumber != expectedSequence) {
            breaks.add(new Break(globalIndex, aggregateIdentifier, sequenceNumber,
                    sequenceNumber > expectedSequence ? Reason.SEQUENCE_GAP : Reason.SEQUENCE_REPEATED));
        }
        expectedSequence = sequenceNumber + 1;
        previousChain = EventHashes.chainHash(previousChain, contentHash);
    }

    /** The chain hash the current aggregate's chain stands at after the last event fed. */
    public byte[] chainHash() {
        return previousChain;
    }

    public long eventsChecked() {
        return eventsChecked;
    }

    public Breaks breaks() {
        return breaks;
    }

    private void report(StoredEvent event, Reason reason) {
        breaks.add(new Break(event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(), reason));
    }

    /** Why an event fails verification; {@link #code()} is the name reports use. */
    public enum Reason {
        CONTENT_HASH_MISMATCH("content-hash-mismatch"),
        CHAIN_BROKEN("chain-broken"),
        SEQUENCE_GAP("sequence-gap"),
        SEQUENCE_REPEATED("sequence-repeated"),
        /** The latest checkpoint vouches for a later event of an aggregate than the store holds at its position. */
        MISSING_HEAD("missing-head"),
        /** The store's heads at a checkpoint's position do not hash to the root the checkpoint signed. */
        ROOT_MISMATCH("root-mismatch"),
        /** The store holds another number of events up to a checkpoint's position than the checkpoint counted. */
        COUNT_MISMATCH("count-mismatch"),
        /** A checkpoint's signature does not verify with a trusted key of the id it names. */
        BAD_SIGNATURE("bad-signature"),
        /** A checkpoint does not follow its predecessor (hash, number, position or count). */
        CHECKPOINT_CHAIN_BROKEN("checkpoint-chain-broken"),
        /** A bundle's head does not lead to its checkpoint's heads root along the audit path the bundle gives. */
        BAD_INCLUSION_PROOF("bad-inclusion-proof");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * A broken event, or a broken checkpoint: then {@code aggregateId} is {@code null}, {@code sequenceNumber} is
     * {@link #NO_SEQUENCE} and {@code globalIndex} is the checkpoint's position.
     */
    public record Break(long globalIndex, String aggregateId, long sequenceNumber, Reason reason) {

        public static final long NO_SEQUENCE = -1;

        public static Break ofCheckpoint(long position, Reason reason) {
            return new Break(position, null, NO_SEQUENCE, reason);
        }

        /** Earlier is the lower global index; at the same index an event's break before a checkpoint's. */
        public boolean isBefore(Break other) {
            return other == null || globalIndex < other.globalIndex
                    || globalIndex == other.globalIndex && aggregateId != null && other.aggregateId == null;
        }
    }
}
