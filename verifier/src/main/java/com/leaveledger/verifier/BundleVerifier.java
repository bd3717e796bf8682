package com.leaveledger.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a bundle ({@link Bundle}) in one pass, holding one head per aggregate and never an event: every full
 * event's content hash, every chain link (through digests too), gap-free sequences from 0, each head's inclusion
 * proof against the latest checkpoint's heads root and the chain's agreement with that head, each checkpoint's
 * signature by a trusted key and the chain of checkpoints. Events after an aggregate's proven head are not yet
 * covered by a checkpoint: counted, not a break — unless the bundle places one at or below the checkpoint's position,
 * where the checkpoint should have covered it.
 * <p>
 * Like the store's verification it goes on after a break, and names the break of the lowest global index.
 */
public final class BundleVerifier {

    /**
     * Which keys checkpoints may be signed with. By default the bundle's own keys — which shows the bundle is
     * consistent, not who signed it; pinned keys (a public key the verifier holds, or a key id whose key the bundle
     * carries) show that the ledger's key signed it.
     */
    public record Trust(List<PublicKey> keys, List<String> keyIds) {

        public static Trust bundleKeys() {
            return new Trust(List.of(), List.of());
        }

        public boolean pinned() {
            return !keys.isEmpty() || !keyIds.isEmpty();
        }
    }

    private final Trust trust;
    private final ChainVerifier chain = new ChainVerifier();
    private final Map<String, HeadState> heads = new LinkedHashMap<>();
    private final Set<String> aggregatesDone = new HashSet<>();
    private final List<String> trustedKeyIds = new ArrayList<>();
    private CheckpointVerifier checkpoints;
    private Bundle.Header header;
    private Checkpoint firstCheckpoint;
    private Checkpoint latest;
    private Stage stage = Stage.HEADER;
    private String aggregate;
    private HeadState current;
    private long fullEvents;
    private long digests;
    private long headLines;
    private long notYetCovered;
    private final Breaks breaks = new Breaks();

    private BundleVerifier(Trust trust) {
        this.trust = trust;
    }

    /**
     * Reads and verifies a whole bundle.
     *
     * @throws UnreadableBundleException when it is not a complete bundle of this format
     */
    public static BundleReport verify(BufferedReader in, Trust trust) throws IOException {
        BundleVerifier verifier = new BundleVerifier(trust);
        BundleReader reader = new BundleReader(in);
        for (Bundle.Line line = reader.next(); line != null; line = reader.next()) {
            verifier.accept(line, reader.lineNumber());
        }
        if (verifier.stage != Stage.DONE) {
            throw new UnreadableBundleException(reader.lineNumber(), "the bundle ends without its end line: cut off");
        }
        return verifier.report();
    }

    private void accept(Bundle.Line line, long number) {
        if (line instanceof Bundle.Header h) {
            header(h, number);
        } else if (line instanceof Bundle.CheckpointLine c) {
            checkpoint(c.checkpoint(), number);
        } else if (line instanceof Bundle.HeadLine h) {
            head(h, number);
        } else if (line instanceof Bundle.EventLine e) {
            StoredEvent event = e.event();
            event(event.aggregateIdentifier(), number);
            fullEvents++;
            chain.accept(event);
            afterEvent(event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber());
        } else if (line instanceof Bundle.DigestLine d) {
            event(d.aggregateId(), number);
            digests++;
            chain.acceptDigest(d.globalIndex(), d.aggregateId(), d.sequenceNumber(), d.contentHash());
            afterEvent(d.globalIndex(), d.aggregateId(), d.sequenceNumber());
        } else if (line instanceof Bundle.End e) {
            end(e, number);
        }
    }

    private void header(Bundle.Header line, long number) {
        order(Stage.HEADER, Stage.HEADER, "header", number);
        if (!Bundle.FORMAT.equals(line.format())) {
            throw new UnreadableBundleException(number, "format \"" + line.format() + "\", this verifier reads "
                    + Bundle.FORMAT);
        }
        header = line;
        CheckpointKeys keys = new CheckpointKeys();
        trust.keys().forEach(keys::add);
        for (Bundle.Key key : line.keys()) {
            if (!"Ed25519".equals(key.algorithm())) {
                throw new UnreadableBundleException(number, "key " + key.keyId() + " is " + key.algorithm()
                        + ", not Ed25519");
            }
            PublicKey publicKey;
            try {
                publicKey = CheckpointKeys.publicKey(key.publicKey());
            } catch (IllegalArgumentException e) {
                throw new UnreadableBundleException(number, "key " + key.keyId() + " is not an Ed25519 public key", e);
            }
            // Trusted under the id its own bytes give, never under the id the line claims.
            if (!trust.pinned() || trust.keyIds().contains(CheckpointKeys.keyId(publicKey))) {
                keys.add(publicKey);
            }
        }
        keys.all().forEach(key -> trustedKeyIds.add(CheckpointKeys.keyId(key)));
        checkpoints = CheckpointVerifier.continuing(keys);
        stage = Stage.CHECKPOINTS;
    }

    private void checkpoint(Checkpoint checkpoint, long number) {
        order(Stage.CHECKPOINTS, Stage.CHECKPOINTS, "checkpoint", number);
        checkpoints.accept(checkpoint);
        if (firstCheckpoint == null) {
            firstCheckpoint = checkpoint;
        }
        latest = checkpoint;
    }

    private void head(Bundle.HeadLine line, long number) {
        order(Stage.CHECKPOINTS, Stage.HEADS, "head", number);
        stage = Stage.HEADS;
        Head head = line.head();
        if (latest == null) {
            throw new UnreadableBundleException(number, "a head, but no checkpoint to prove it in");
        }
        if (heads.containsKey(head.aggregateId())) {
            throw new UnreadableBundleException(number, "a second head of aggregate " + head.aggregateId());
        }
        heads.put(head.aggregateId(), new HeadState(head));
        headLines++;
        if (!MerkleInclusion.verify(head.leaf(), line.leafIndex(), latest.aggregateCount(), line.path(),
                latest.headsRoot())) {
            breaks.add(at(head, ChainVerifier.Reason.BAD_INCLUSION_PROOF));
        }
    }

    private void event(String aggregateId, long number) {
        order(Stage.CHECKPOINTS, Stage.EVENTS, "event", number);
        stage = Stage.EVENTS;
        if (!aggregateId.equals(aggregate)) {
            closeAggregate();
            if (!aggregatesDone.add(aggregateId)) {
                throw new UnreadableBundleException(number, "the events of aggregate " + aggregateId
                        + " are not all together");
            }
            aggregate = aggregateId;
            current = heads.get(aggregateId);
        }
    }

    private void afterEvent(long globalIndex, String aggregateId, long sequence) {
        Head head = current == null ? null : current.head;
        if (head != null && sequence == head.sequenceNumber()) {
            current.reached = true;
            if (!MessageDigest.isEqual(chain.chainHash(), head.chainHash())) {
                // the chain up to here is not the one the checkpoint signed
                breaks.add(new ChainVerifier.Break(globalIndex, aggregateId, sequence,
                        ChainVerifier.Reason.ROOT_MISMATCH));
            }
        }
        if (head == null || sequence > head.sequenceNumber()) {
            notYetCovered++;
            if (latest != null && globalIndex <= latest.position()) {
                // at or below the checkpoint's position, yet after the head it signed: forged, or moved there
                breaks.add(new ChainVerifier.Break(globalIndex, aggregateId, sequence,
                        ChainVerifier.Reason.ROOT_MISMATCH));
            }
        }
    }

    private void closeAggregate() {
        if (current != null && !current.reached) {
            breaks.add(at(current.head, ChainVerifier.Reason.MISSING_HEAD));
        }
        if (current != null) {
            current.closed = true;
        }
        current = null;
    }

    private void end(Bundle.End line, long number) {
        order(Stage.CHECKPOINTS, Stage.EVENTS, "end", number);
        closeAggregate();
        for (HeadState state : heads.values()) {
            if (!state.closed) {
                // the checkpoint vouches for events of an aggregate the bundle has none of
                breaks.add(at(state.head, ChainVerifier.Reason.MISSING_HEAD));
            }
        }
        if (line.checkpoints() != checkpoints.checked() || line.heads() != headLines
                || line.events() != fullEvents || line.digests() != digests) {
            throw new UnreadableBundleException(number, "the end line counts " + line.checkpoints()
                    + " checkpoints, " + line.heads() + " heads, " + line.events() + " events and " + line.digests()
                    + " digests; the bundle holds " + checkpoints.checked() + ", " + headLines + ", " + fullEvents
                    + " and " + digests);
        }
        stage = Stage.DONE;
    }

    private void order(Stage earliest, Stage latestAllowed, String kind, long number) {
        if (stage.ordinal() < earliest.ordinal() || stage.ordinal() > latestAllowed.ordinal()) {
            throw new UnreadableBundleException(number, switch (stage) {
                case HEADER -> "the first line is not the header";
                case DONE -> "a line after the end line";
                default -> "a " + kind + " line after the " + stage.name().toLowerCase(Locale.ROOT) + " lines";
            });
        }
    }

    private static ChainVerifier.Break at(Head head, ChainVerifier.Reason reason) {
        return new ChainVerifier.Break(head.globalIndex(), head.aggregateId(), head.sequenceNumber(), reason);
    }

    private BundleReport report() {
        Breaks all = new Breaks();
        all.addAll(breaks);
        all.addAll(chain.breaks());
        all.addAll(checkpoints.breaks());
        ChainVerifier.Break first = all.first();
        return new BundleReport(first == null ? BundleReport.Status.VERIFIED : BundleReport.Status.BROKEN, header,
                fullEvents, digests, aggregatesDone.size(), checkpoints.checked(),
                firstCheckpoint == null ? null : firstCheckpoint.number(), latest, headLines, notYetCovered,
                trust.pinned(), List.copyOf(trustedKeyIds), all.count(), first);
    }

    private enum Stage { HEADER, CHECKPOINTS, HEADS, EVENTS, DONE }

    private static final class HeadState {
        private final Head head;
        private boolean reached;
        private boolean closed;

        private HeadState(Head head) {
            this.head = head;
        }
    }
}
