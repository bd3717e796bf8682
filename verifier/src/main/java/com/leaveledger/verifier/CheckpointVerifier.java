package com.leaveledger.verifier;

import java.security.MessageDigest;

/**
 * Checks checkpoints fed in their numbers' order: each one's signature by a trusted key, and that it follows its
 * predecessor (the next number, the predecessor's hash, a position and a count that never go back). Like
 * {@link ChainVerifier} it goes on after a break and keeps the break of the lowest global index (a checkpoint's
 * break is placed at its position).
 */
public final class CheckpointVerifier {

    private final CheckpointKeys trusted;
    private final boolean fromGenesis;
    private Checkpoint latest;
    private long checked;
    private final Breaks breaks = new Breaks();

    public CheckpointVerifier(CheckpointKeys trusted) {
        this(trusted, true);
    }

    private CheckpointVerifier(CheckpointKeys trusted, boolean fromGenesis) {
        this.trusted = trusted;
        this.fromGenesis = fromGenesis;
    }

    /**
     * Checkpoints from any number on (a bundle's): the first one fed is the anchor, checked for its signature only;
     * whether it follows the checkpoints before it is for whoever holds those to check.
     */
    public static CheckpointVerifier continuing(CheckpointKeys trusted) {
        return new CheckpointVerifier(trusted, false);
    }

    public void accept(Checkpoint checkpoint) {
        checked++;
        if (!trusted.verifies(checkpoint)) {
            breaks.add(ChainVerifier.Break.ofCheckpoint(checkpoint.position(), ChainVerifier.Reason.BAD_SIGNATURE));
        } else if (!follows(checkpoint)) {
            breaks.add(ChainVerifier.Break.ofCheckpoint(checkpoint.position(),
                    ChainVerifier.Reason.CHECKPOINT_CHAIN_BROKEN));
        }
        latest = checkpoint;
    }

    private boolean follows(Checkpoint checkpoint) {
        if (latest == null) {
            if (checkpoint.number() == 0) {
                return MessageDigest.isEqual(checkpoint.previousHash(), Checkpoint.GENESIS);
            }
            return !fromGenesis;
        }
        return checkpoint.number() == latest.number() + 1
                && MessageDigest.isEqual(checkpoint.previousHash(), latest.hash())
                && checkpoint.position() >= latest.position()
                && checkpoint.eventCount() >= latest.eventCount();
    }

    /** The last checkpoint fed, or {@code null}. */
    public Checkpoint latest() {
        return latest;
    }

    public long checked() {
        return checked;
    }

    public Breaks breaks() {
        return breaks;
    }
}
