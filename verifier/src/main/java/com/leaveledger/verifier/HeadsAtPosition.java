package com.leaveledger.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Collects, from events fed in {@code (aggregateIdentifier, sequenceNumber)} order (the order {@link ChainVerifier}
 * takes), each aggregate's head at a checkpoint's position and the number of events up to it, then checks them
 * against the checkpoint. Holds one {@link Head} per aggregate (about 150 bytes each), never an event.
 */
public final class HeadsAtPosition {

    private final long position;
    private final List<Head> heads = new ArrayList<>();
    private String aggregate;
    private Head current;
    private long eventCount;
    private boolean finished;

    public HeadsAtPosition(long position) {
        this.position = position;
    }

    public void accept(StoredEvent event) {
        if (!Objects.equals(event.aggregateIdentifier(), aggregate)) {
            flush();
            aggregate = event.aggregateIdentifier();
        }
        if (event.globalIndex() <= position) {
            eventCount++;
            current = new Head(event.aggregateIdentifier(), event.sequenceNumber(), event.chainHash(),
                    event.globalIndex());
        }
    }

    /** The heads in {@link Head#CANONICAL_ORDER}. */
    public List<Head> heads() {
        finish();
        return heads;
    }

    public long eventCount() {
        return eventCount;
    }

    /**
     * The breaks of the store against {@code checkpoint} (signature and chain are {@link CheckpointVerifier}'s): the
     * heads' root and count. When the root differs, {@code checkpointHeads} (the heads the checkpoint was made of,
     * sorted, or {@code null} if unknown) name the aggregates that differ — if they hash to the signed root, else
     * they are not the checkpoint's and the break is placed at the checkpoint's position.
     */
    public List<ChainVerifier.Break> check(Checkpoint checkpoint, HeadsSource checkpointHeads) {
        List<ChainVerifier.Break> breaks = new ArrayList<>();
        List<Head> store = heads();
        if (!MessageDigest.isEqual(MerkleRoot.ofHeads(store), checkpoint.headsRoot())) {
            List<Head> signed = checkpointHeads == null ? null : checkpointHeads.heads();
            if (signed != null && MessageDigest.isEqual(MerkleRoot.ofHeads(signed), checkpoint.headsRoot())) {
                compare(store, signed, breaks);
            }
            if (breaks.isEmpty()) {
                breaks.add(ChainVerifier.Break.ofCheckpoint(checkpoint.position(), ChainVerifier.Reason.ROOT_MISMATCH));
            }
        }
        if (eventCount != checkpoint.eventCount()) {
            breaks.add(ChainVerifier.Break.ofCheckpoint(checkpoint.position(), ChainVerifier.Reason.COUNT_MISMATCH));
        }
        return breaks;
    }

    private static void compare(List<Head> store, List<Head> signed, List<ChainVerifier.Break> breaks) {
        Iterator<Head> ours = store.iterator();
        Iterator<Head> theirs = signed.iterator();
        Head a = next(ours);
        Head b = next(theirs);
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : Head.CANONICAL_ORDER.compare(a, b);
            if (order < 0) {
                // an aggregate the checkpoint did not know at its position: forged, or moved below it
                breaks.add(at(a, ChainVerifier.Reason.ROOT_MISMATCH));
                a = next(ours);
            } else if (order > 0) {
                breaks.add(at(b, ChainVerifier.Reason.MISSING_HEAD));
                b = next(theirs);
            } else {
                if (a.sequenceNumber() < b.sequenceNumber()) {
                    breaks.add(at(b, ChainVerifier.Reason.MISSING_HEAD));
                } else if (a.sequenceNumber() > b.sequenceNumber()
                        || !MessageDigest.isEqual(a.chainHash(), b.chainHash())) {
                    breaks.add(at(a, ChainVerifier.Reason.ROOT_MISMATCH));
                }
                a = next(ours);
                b = next(theirs);
            }
        }
    }

    private static ChainVerifier.Break at(Head head, ChainVerifier.Reason reason) {
        return new ChainVerifier.Break(head.globalIndex(), head.aggregateId(), head.sequenceNumber(), reason);
    }

    private static Head next(Iterator<Head> heads) {
        return heads.hasNext() ? heads.next() : null;
    }

    private void flush() {
        if (current != null) {
            heads.add(current);
            current = null;
        }
    }

    private void finish() {
        if (!finished) {
            flush();
            heads.sort(Head.CANONICAL_ORDER);
            finished = true;
        }
    }

    /** Where the heads a checkpoint was made of come from, read only when a root differs. */
    @FunctionalInterface
    public interface HeadsSource {
        /** The heads in {@link Head#CANONICAL_ORDER}. */
        List<Head> heads();
    }
}
