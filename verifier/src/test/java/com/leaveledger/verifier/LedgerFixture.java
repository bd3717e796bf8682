package com.leaveledger.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An event store in memory, hashed and checkpointed as the command side does it, and the bundles it would hand out:
 * what the bundle tests tamper with and the benchmark times. Events are appended round-robin over the aggregates
 * (so global indices interleave), each a minute after the previous one.
 */
final class LedgerFixture {

    static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    final CheckpointSigner signer;
    final List<StoredEvent> events = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();
    /** The heads of {@link #checkpoints}' latest, sorted. */
    List<Head> latestHeads = List.of();
    private final Map<String, StoredEvent> last = new HashMap<>();
    private long globalIndex;

    LedgerFixture(CheckpointSigner signer) {
        this.signer = signer;
    }

    /** Appends {@code perAggregate} events to each aggregate, round-robin, with about {@code payloadBytes} each. */
    LedgerFixture append(List<String> aggregates, int perAggregate, int payloadBytes) {
        String padding = "x".repeat(Math.max(0, payloadBytes - 120));
        for (int round = 0; round < perAggregate; round++) {
            for (String aggregate : aggregates) {
                StoredEvent previous = last.get(aggregate);
                long sequence = previous == null ? 0 : previous.sequenceNumber() + 1;
                globalIndex += 1 + globalIndex % 3 / 2; // holes, as rolled-back transactions leave
                String payload = "{\"aggregate\":\"" + aggregate + "\",\"sequence\":" + sequence
                        + ",\"days\":2.0,\"reason\":\"" + padding + "\"}";
                String meta = "{\"actor\":\"hr-1\",\"correlationId\":\"" + UUID.randomUUID() + "\"}";
                StoredEvent unhashed = new StoredEvent(globalIndex, UUID.randomUUID().toString(), aggregate, sequence,
                        "LeaveAccount", "com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent", "1",
                        payload.getBytes(StandardCharsets.UTF_8), meta.getBytes(StandardCharsets.UTF_8),
                        START.plusSeconds(60 * globalIndex).toString(), null, null);
                byte[] content = EventHashes.contentHash(unhashed);
                byte[] chain = EventHashes.chainHash(previous == null ? EventHashes.GENESIS : previous.chainHash(),
                        content);
                StoredEvent event = with(unhashed, unhashed.payload(), content, chain);
                events.add(event);
                last.put(aggregate, event);
            }
        }
        return this;
    }

    /** A signed checkpoint of everything appended so far, chained to the previous one. */
    LedgerFixture checkpoint() {
        Map<String, Head> heads = new TreeMap<>(Comparator.comparing(id -> id.getBytes(StandardCharsets.UTF_8),
                java.util.Arrays::compareUnsigned));
        for (StoredEvent event : events) {
            heads.put(event.aggregateIdentifier(), new Head(event.aggregateIdentifier(), event.sequenceNumber(),
                    event.chainHash(), event.globalIndex()));
        }
        latestHeads = List.copyOf(heads.values());
        Checkpoint previous = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        checkpoints.add(new Checkpoint(checkpoints.size(), globalIndex, events.size(), latestHeads.size(),
                MerkleRoot.ofHeads(latestHeads), previous == null ? Checkpoint.GENESIS : previous.hash(),
                START.plusSeconds(60 * globalIndex + 1), "", new byte[0]).signedWith(signer));
        return this;
    }

    Instant time(long globalIndex) {
        return START.plusSeconds(60 * globalIndex);
    }

    /** The bundle of the aggregates starting with {@code employee + ":"} or equal to it, as the command side writes it. */
    Export bundle(String employee, Instant from, Instant to) {
        return new Export(employee, from, to);
    }

    static StoredEvent with(StoredEvent e, byte[] payload, byte[] contentHash, byte[] chainHash) {
        return new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                e.type(), e.payloadType(), e.payloadRevision(), payload, e.metaData(), e.timeStamp(), contentHash,
                chainHash);
    }

    static List<String> aggregates(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + ":ANNUAL:" + (2000 + i));
        }
        return ids;
    }

    /** One bundle's content, open to tampering before it is written. */
    final class Export {
        final String employee;
        final Instant from;
        final Instant to;
        List<PublicKey> keys = new ArrayList<>(List.of(signer.publicKey()));
        List<Checkpoint> bundleCheckpoints = new ArrayList<>(checkpoints);
        final List<Proven> heads = new ArrayList<>();
        /** The employee's events, by aggregate, in sequence order; {@code full} for those in the period. */
        final Map<String, List<Entry>> byAggregate = new LinkedHashMap<>();

        private Export(String employee, Instant from, Instant to) {
            this.employee = employee;
            this.from = from;
            this.to = to;
            Map<String, List<Entry>> sorted = new TreeMap<>(Comparator.comparing(
                    id -> id.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
            for (StoredEvent event : events) {
                if (owned(event.aggregateIdentifier())) {
                    Instant at = Instant.parse(event.timeStamp());
                    sorted.computeIfAbsent(event.aggregateIdentifier(), k -> new ArrayList<>())
                            .add(new Entry(event, !at.isBefore(from) && !at.isAfter(to)));
                }
            }
            byAggregate.putAll(sorted);
            MerkleInclusion tree = new MerkleInclusion();
            List<Head> proved = new ArrayList<>();
            for (Head head : latestHeads) {
                boolean prove = owned(head.aggregateId());
                long index = tree.add(head.leaf(), prove);
                if (prove) {
                    proved.add(head);
                    heads.add(new Proven(head, index, null));
                }
            }
            for (int i = 0; i < heads.size(); i++) {
                heads.set(i, new Proven(proved.get(i), heads.get(i).leafIndex(),
                        tree.path(heads.get(i).leafIndex())));
            }
        }

        private boolean owned(String aggregate) {
            return aggregate.equals(employee) || aggregate.startsWith(employee + ":");
        }

        Entry entry(String aggregate, long sequence) {
            return byAggregate.get(aggregate).get((int) sequence);
        }

        /** Replaces an event (not re-hashed: what an edit of the store looks like). */
        void edit(String aggregate, long sequence, UnaryOperator<StoredEvent> edit) {
            List<Entry> entries = byAggregate.get(aggregate);
            Entry entry = entries.get((int) sequence);
            entries.set((int) sequence, new Entry(edit.apply(entry.event()), entry.full()));
        }

        void write(OutputStream out) {
            try {
                BundleWriter writer = new BundleWriter(out);
                writer.header(employee, from, to, Instant.parse("2028-01-01T00:00:00Z"), keys);
                for (Checkpoint checkpoint : bundleCheckpoints) {
                    writer.checkpoint(checkpoint);
                }
                for (Proven head : heads) {
                    writer.head(head.head(), head.leafIndex(), head.path());
                }
                for (List<Entry> entries : byAggregate.values()) {
                    for (Entry entry : entries) {
                        StoredEvent e = entry.event();
                        if (entry.full()) {
                            writer.event(e);
                        } else {
                            writer.digest(e.globalIndex(), e.aggregateIdentifier(), e.sequenceNumber(),
                                    e.contentHash());
                        }
                    }
                }
                writer.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out);
            return out.toString(StandardCharsets.UTF_8);
        }

        Set<String> aggregates() {
            return new HashSet<>(byAggregate.keySet());
        }
    }

    record Entry(StoredEvent event, boolean full) {
    }

    record Proven(Head head, long leafIndex, List<byte[]> path) {
    }
}
