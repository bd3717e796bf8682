package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private long nextIndex = 1;

    @Test
    void anUntouchedStoreVerifies() {
        ChainVerifier verifier = verify(store());

        assertThat(verifier.breaks().first()).isNull();
        assertThat(verifier.eventsChecked()).isEqualTo(7);
    }

    @Test
    void aFlippedPayloadByteBreaksThatEventOnly() {
        List<StoredEvent> store = store();
        StoredEvent victim = store.get(3);
        byte[] payload = victim.payload().clone();
        payload[2] ^= 1;
        store.set(3, with(victim, victim.sequenceNumber(), payload, victim.metaData(), victim.timeStamp()));

        ChainVerifier verifier = verify(store);

        assertThat(verifier.breaks().count()).isEqualTo(1);
        assertThat(verifier.breaks().first()).isEqualTo(breakAt(victim, ChainVerifier.Reason.CONTENT_HASH_MISMATCH));
    }

    @Test
    void editedMetadataOrTimestampIsAContentMismatch() {
        List<StoredEvent> store = store();
        StoredEvent a = store.get(1);
        StoredEvent b = store.get(5);
        store.set(1, with(a, a.sequenceNumber(), a.payload(), bytes("{\"actor\":\"someone-else\"}"), a.timeStamp()));
        store.set(5, with(b, b.sequenceNumber(), b.payload(), b.metaData(), "2020-01-01T00:00:00Z"));

        ChainVerifier verifier = verify(store);

        assertThat(verifier.breaks().count()).isEqualTo(2);
        assertThat(verifier.breaks().first().globalIndex()).isEqualTo(Math.min(a.globalIndex(), b.globalIndex()));
        assertThat(verifier.breaks().first().reason()).isEqualTo(ChainVerifier.Reason.CONTENT_HASH_MISMATCH);
    }

    @Test
    void aDeletedRowIsASequenceGapAtItsSuccessor() {
        List<StoredEvent> store = store();
        StoredEvent successor = store.get(2);
        store.remove(1);

        ChainVerifier verifier = verify(store);

        assertThat(verifier.breaks().first()).isEqualTo(breakAt(successor, ChainVerifier.Reason.SEQUENCE_GAP));
    }

    @Test
    void swappedSequenceNumbersBreakBothRowsAndTheLinkAfterThem() {
        List<StoredEvent> store = store();
        StoredEvent first = store.get(1);
        StoredEvent second = store.get(2);
        store.set(1, with(second, first.sequenceNumber(), second.payload(), second.metaData(), second.timeStamp()));
        store.set(2, with(first, second.sequenceNumber(), first.payload(), first.metaData(), first.timeStamp()));

        ChainVerifier verifier = verify(store);

        // both rows' content (the sequence number is hashed), and the next event, which chains to the row that
        // used to be its predecessor
        assertThat(verifier.breaks().count()).isEqualTo(3);
        assertThat(verifier.breaks().first().globalIndex()).isEqualTo(first.globalIndex());
    }

    @Test
    void aForgedRowWithConsistentContentButNoChainIsCaught() {
        List<StoredEvent> store = store();
        StoredEvent original = store.get(2);
        StoredEvent forged = new StoredEvent(original.globalIndex(), original.eventIdentifier(),
                original.aggregateIdentifier(), original.sequenceNumber(), original.type(), original.payloadType(),
                original.payloadRevision(), bytes("{\"days\":99}"), original.metaData(), original.timeStamp(), null, null);
        byte[] content = EventHashes.contentHash(forged);
        store.set(2, new StoredEvent(forged.globalIndex(), forged.eventIdentifier(), forged.aggregateIdentifier(),
                forged.sequenceNumber(), forged.type(), forged.payloadType(), forged.payloadRevision(), forged.payload(),
                forged.metaData(), forged.timeStamp(), content, EventHashes.chainHash(EventHashes.GENESIS, content)));

        ChainVerifier verifier = verify(store);

        assertThat(verifier.breaks().first().reason()).isEqualTo(ChainVerifier.Reason.CHAIN_BROKEN);
        assertThat(verifier.breaks().first().globalIndex()).isEqualTo(original.globalIndex());
    }

    @Test
    void canonicalBytesLengthPrefixEveryFieldSoThatFieldsCannotTradeBytes() {
        StoredEvent a = event("ab", 0, "c", EventHashes.GENESIS);
        StoredEvent b = event("a", 0, "bc", EventHashes.GENESIS);

        assertThat(EventHashes.contentHash(a)).isNotEqualTo(EventHashes.contentHash(b));
    }

    private ChainVerifier verify(List<StoredEvent> store) {
        ChainVerifier verifier = new ChainVerifier();
        store.stream()
                .sorted(Comparator.comparing(StoredEvent::aggregateIdentifier)
                        .thenComparingLong(StoredEvent::sequenceNumber))
                .forEach(verifier::accept);
        return verifier;
    }

    /** Two aggregates, interleaved in global order as concurrent commands would leave them. */
    private List<StoredEvent> store() {
        List<StoredEvent> store = new ArrayList<>();
        byte[] chainA = EventHashes.GENESIS;
        byte[] chainB = EventHashes.GENESIS;
        for (int i = 0; i < 4; i++) {
            StoredEvent a = event("account-a", i, "{\"days\":" + i + "}", chainA);
            chainA = a.chainHash();
            store.add(a);
            if (i < 3) {
                StoredEvent b = event("account-b", i, "{\"days\":" + (10 + i) + "}", chainB);
                chainB = b.chainHash();
                store.add(b);
            }
        }
        store.sort(Comparator.comparing(StoredEvent::aggregateIdentifier).thenComparingLong(StoredEvent::sequenceNumber));
        return store;
    }

    private StoredEvent event(String aggregate, long sequence, String payload, byte[] previousChain) {
        StoredEvent unhashed = new StoredEvent(nextIndex++, aggregate + "-" + sequence, aggregate, sequence, "LeaveAccount",
                "com.example.DaysReserved", "1", bytes(payload), bytes("{\"actor\":\"eli\"}"),
                "2027-03-01T10:00:00Z", null, null);
        byte[] content = EventHashes.contentHash(unhashed);
        return new StoredEvent(unhashed.globalIndex(), unhashed.eventIdentifier(), aggregate, sequence,
                unhashed.type(), unhashed.payloadType(), unhashed.payloadRevision(), unhashed.payload(),
                unhashed.metaData(), unhashed.timeStamp(), content, EventHashes.chainHash(previousChain, content));
    }

    /** The break a verifier names at this stored row. */
    private static ChainVerifier.Break breakAt(StoredEvent row, ChainVerifier.Reason reason) {
        return new ChainVerifier.Break(row.globalIndex(), row.aggregateIdentifier(), row.sequenceNumber(), reason);
    }

    private static StoredEvent with(StoredEvent e, long sequence, byte[] payload, byte[] metaData, String timeStamp) {
        return new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), sequence, e.type(),
                e.payloadType(), e.payloadRevision(), payload, metaData, timeStamp, e.contentHash(), e.chainHash());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
