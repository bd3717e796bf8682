package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadsAtPositionTest {

    private long nextIndex = 1;

    @Test
    void theStoreMatchesACheckpointOfItsOwnHeads() {
        List<StoredEvent> store = store();
        long position = 7;
        HeadsAtPosition signed = collect(store, position);

        HeadsAtPosition again = collect(store, position);

        assertThat(again.check(checkpoint(signed), signed::heads)).isEmpty();
        assertThat(again.eventCount()).isEqualTo(7);
        // events after the position are the chain's alone
        assertThat(again.heads()).allMatch(head -> head.globalIndex() <= position);
    }

    @Test
    void truncatedLastEventsAreMissingHeadsAtTheHeadsTheCheckpointKnew() {
        List<StoredEvent> store = store();
        HeadsAtPosition signed = collect(store, 9);
        List<StoredEvent> truncated = new ArrayList<>(store);
        truncated.removeIf(event -> event.globalIndex() >= 8);

        List<ChainVerifier.Break> breaks = collect(truncated, 9).check(checkpoint(signed), signed::heads);

        assertThat(breaks).extracting(ChainVerifier.Break::reason)
                .containsExactlyInAnyOrder(ChainVerifier.Reason.MISSING_HEAD, ChainVerifier.Reason.MISSING_HEAD,
                        ChainVerifier.Reason.COUNT_MISMATCH);
        assertThat(breaks).extracting(ChainVerifier.Break::globalIndex).contains(8L, 9L);
    }

    @Test
    void aRowForgedBelowThePositionIsARootMismatchAtIt() {
        List<StoredEvent> store = store();
        HeadsAtPosition signed = collect(store, 9);
        StoredEvent head = store.stream().filter(e -> e.aggregateIdentifier().equals("b")).reduce((x, y) -> y)
                .orElseThrow();
        List<StoredEvent> forged = new ArrayList<>(store);
        StoredEvent extra = event("b", head.sequenceNumber() + 1, head.chainHash());
        forged.add(new StoredEvent(3, extra.eventIdentifier(), "b", extra.sequenceNumber(), extra.type(),
                extra.payloadType(), extra.payloadRevision(), extra.payload(), extra.metaData(), extra.timeStamp(),
                extra.contentHash(), extra.chainHash()));
        forged.sort(Comparator.comparing(StoredEvent::aggregateIdentifier)
                .thenComparingLong(StoredEvent::sequenceNumber));

        List<ChainVerifier.Break> breaks = collect(forged, 9).check(checkpoint(signed), signed::heads);

        assertThat(breaks).contains(new ChainVerifier.Break(3, "b", extra.sequenceNumber(),
                ChainVerifier.Reason.ROOT_MISMATCH), ChainVerifier.Break.ofCheckpoint(9,
                ChainVerifier.Reason.COUNT_MISMATCH));
    }

    @Test
    void headsThatDoNotHashToTheSignedRootNameTheCheckpointOnly() {
        List<StoredEvent> store = store();
        HeadsAtPosition signed = collect(store, 9);
        List<StoredEvent> shorter = new ArrayList<>(store);
        shorter.removeIf(event -> event.globalIndex() == 9);

        List<ChainVerifier.Break> breaks = collect(shorter, 9).check(checkpoint(signed), List::of);

        assertThat(breaks).containsExactly(ChainVerifier.Break.ofCheckpoint(9, ChainVerifier.Reason.ROOT_MISMATCH),
                ChainVerifier.Break.ofCheckpoint(9, ChainVerifier.Reason.COUNT_MISMATCH));
    }

    private static Checkpoint checkpoint(HeadsAtPosition heads) {
        return new Checkpoint(0, heads.heads().stream().mapToLong(Head::globalIndex).max().orElse(0),
                heads.eventCount(), heads.heads().size(), MerkleRoot.ofHeads(heads.heads()), Checkpoint.GENESIS,
                java.time.Instant.EPOCH, "k", new byte[0]);
    }

    private static HeadsAtPosition collect(List<StoredEvent> store, long position) {
        HeadsAtPosition heads = new HeadsAtPosition(position);
        store.forEach(heads::accept);
        return heads;
    }

    /** Three aggregates, interleaved: a 0..3, b 0..2, c 0..2 at global indices 1..10. */
    private List<StoredEvent> store() {
        List<StoredEvent> store = new ArrayList<>();
        byte[][] chains = {EventHashes.GENESIS, EventHashes.GENESIS, EventHashes.GENESIS};
        String[] ids = {"a", "b", "c"};
        for (int i = 0; i < 4; i++) {
            for (int agg = 0; agg < 3; agg++) {
                if (i == 3 && agg > 0) {
                    continue;
                }
                StoredEvent event = event(ids[agg], i, chains[agg]);
                chains[agg] = event.chainHash();
                store.add(event);
            }
        }
        store.sort(Comparator.comparing(StoredEvent::aggregateIdentifier)
                .thenComparingLong(StoredEvent::sequenceNumber));
        return store;
    }

    private StoredEvent event(String aggregate, long sequence, byte[] previousChain) {
        StoredEvent unhashed = new StoredEvent(nextIndex++, aggregate + "-" + sequence + "-" + nextIndex, aggregate,
                sequence, "LeaveAccount", "com.example.DaysReserved", "1",
                ("{\"days\":" + sequence + "}").getBytes(StandardCharsets.UTF_8), null, "2027-03-01T10:00:00Z",
                null, null);
        byte[] content = EventHashes.contentHash(unhashed);
        return new StoredEvent(unhashed.globalIndex(), unhashed.eventIdentifier(), aggregate, sequence,
                unhashed.type(), unhashed.payloadType(), unhashed.payloadRevision(), unhashed.payload(), null,
                unhashed.timeStamp(), content, EventHashes.chainHash(previousChain, content));
    }
}
