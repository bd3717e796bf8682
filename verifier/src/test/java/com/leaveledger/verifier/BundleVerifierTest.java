package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bundle built in memory as the command side writes it: untouched it verifies, and each tampering is named at the
 * event (or checkpoint) it broke.
 */
class BundleVerifierTest {

    private static final String EMPLOYEE = "eli";

    private final CheckpointSigner key = CheckpointSigner.generate();
    private LedgerFixture ledger;
    private LedgerFixture.Export bundle;
    private List<String> employees;

    @BeforeEach
    void ledger() {
        employees = new ArrayList<>(List.of(EMPLOYEE));
        employees.addAll(LedgerFixture.aggregates(EMPLOYEE, 3));
        List<String> everyone = new ArrayList<>(employees);
        everyone.addAll(LedgerFixture.aggregates("eve", 5));
        everyone.add("elia");
        ledger = new LedgerFixture(key)
                .append(everyone, 4, 300).checkpoint()
                .append(everyone, 3, 300).checkpoint()
                .append(everyone, 3, 300).checkpoint()
                .append(employees, 2, 300);
        // the period: sequences 3 to 6 of every aggregate in full, the rest as digests
        long first = ledger.events.get(3 * everyone.size()).globalIndex();
        long last = ledger.events.get(7 * everyone.size() - 1).globalIndex();
        bundle = ledger.bundle(EMPLOYEE, ledger.time(first), ledger.time(last));
    }

    @Test
    void anUntouchedBundleVerifies() {
        BundleReport report = verify(bundle.text());

        assertThat(report.status()).as(report.describe()).isEqualTo(BundleReport.Status.VERIFIED);
        assertThat(report.breaks()).isZero();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.aggregates()).isEqualTo(4);
        assertThat(report.events()).isEqualTo(4 * 12);
        assertThat(report.fullEvents()).isEqualTo(4 * 4);
        assertThat(report.digests()).isEqualTo(4 * 8);
        assertThat(report.checkpoints()).isEqualTo(3);
        assertThat(report.headsProven()).isEqualTo(4);
        assertThat(report.notYetCovered()).isEqualTo(4 * 2);
        assertThat(report.latest()).isEqualTo(ledger.checkpoints.get(2));
        assertThat(report.pinned()).isFalse();
        assertThat(report.describe()).startsWith("VERIFIED\n").contains("not yet covered by a checkpoint: 8");
        // the aggregate "elia" shares a prefix, not the employee
        assertThat(bundle.aggregates()).doesNotContain("elia");
    }

    @Test
    void aFlippedPayloadByteIsAContentHashMismatchAtThatEvent() {
        String aggregate = employees.get(1);
        StoredEvent victim = bundle.entry(aggregate, 4).event();
        assertThat(bundle.entry(aggregate, 4).full()).isTrue();
        bundle.edit(aggregate, 4, e -> {
            byte[] payload = e.payload().clone();
            payload[5] ^= 1;
            return LedgerFixture.with(e, payload, e.contentHash(), e.chainHash());
        });

        assertBroken(verify(bundle.text()), victim.globalIndex(), aggregate, 4, "content-hash-mismatch");
    }

    @Test
    void aFlippedCharacterInTheBundlesTextIsFound() {
        String text = bundle.text();
        int line = text.indexOf("{\"kind\":\"event\"");
        int payload = text.indexOf("\"payload\":\"", line) + "\"payload\":\"".length() + 8;
        char flipped = text.charAt(payload) == 'A' ? 'B' : 'A';
        String tampered = text.substring(0, payload) + flipped + text.substring(payload + 1);

        BundleReport report = verify(tampered);

        assertThat(report.status()).isEqualTo(BundleReport.Status.BROKEN);
        assertThat(report.firstBreak().reason()).isEqualTo(ChainVerifier.Reason.CONTENT_HASH_MISMATCH);
    }

    @Test
    void aRemovedEventIsASequenceGapAtItsSuccessor() {
        String aggregate = employees.get(2);
        StoredEvent successor = bundle.entry(aggregate, 2).event();
        bundle.byAggregate.get(aggregate).remove(1);

        assertBroken(verify(bundle.text()), successor.globalIndex(), aggregate, 2, "sequence-gap");
    }

    @Test
    void eventsRemovedUpToTheProvenHeadAreAMissingHead() {
        String aggregate = employees.get(0);
        LedgerFixture.Proven head = bundle.heads.get(0);
        assertThat(head.head().aggregateId()).isEqualTo(aggregate);
        List<LedgerFixture.Entry> entries = bundle.byAggregate.get(aggregate);
        entries.subList((int) head.head().sequenceNumber(), entries.size()).clear();

        assertBroken(verify(bundle.text()), head.head().globalIndex(), aggregate, head.head().sequenceNumber(),
                "missing-head");
    }

    @Test
    void anAggregateLeftOutWhoseHeadIsProvenIsAMissingHead() {
        String aggregate = employees.get(3);
        bundle.byAggregate.remove(aggregate);
        Head head = bundle.heads.get(3).head();

        assertBroken(verify(bundle.text()), head.globalIndex(), aggregate, head.sequenceNumber(), "missing-head");
    }

    @Test
    void aChangedDigestBreaksTheChainAtTheNextEventInFull() {
        String aggregate = employees.get(1);
        StoredEvent nextInFull = bundle.entry(aggregate, 3).event();
        assertThat(bundle.entry(aggregate, 2).full()).isFalse();
        assertThat(bundle.entry(aggregate, 3).full()).isTrue();
        bundle.edit(aggregate, 1, e -> LedgerFixture.with(e, e.payload(), EventHashes.sha256().digest(), null));

        assertBroken(verify(bundle.text()), nextInFull.globalIndex(), aggregate, 3, "chain-broken");
    }

    @Test
    void aChangedDigestAfterThePeriodIsARootMismatchAtTheHead() {
        String aggregate = employees.get(1);
        Head head = bundle.heads.get(1).head();
        assertThat(bundle.entry(aggregate, 8).full()).isFalse();
        bundle.edit(aggregate, 8, e -> LedgerFixture.with(e, e.payload(), EventHashes.sha256().digest(), null));

        assertBroken(verify(bundle.text()), head.globalIndex(), aggregate, head.sequenceNumber(), "root-mismatch");
    }

    @Test
    void aWrongInclusionProofIsNamedAtItsHead() {
        LedgerFixture.Proven proven = bundle.heads.get(2);
        List<byte[]> path = new ArrayList<>(proven.path());
        byte[] sibling = path.get(1).clone();
        sibling[31] ^= 1;
        path.set(1, sibling);
        bundle.heads.set(2, new LedgerFixture.Proven(proven.head(), proven.leafIndex(), path));

        assertBroken(verify(bundle.text()), proven.head().globalIndex(), proven.head().aggregateId(),
                proven.head().sequenceNumber(), "bad-inclusion-proof");
    }

    @Test
    void anOlderHeadPassedOffAsTheCheckpointsIsABadInclusionProof() {
        LedgerFixture.Proven proven = bundle.heads.get(1);
        StoredEvent older = bundle.entry(proven.head().aggregateId(), proven.head().sequenceNumber() - 1).event();
        bundle.heads.set(1, new LedgerFixture.Proven(new Head(older.aggregateIdentifier(), older.sequenceNumber(),
                older.chainHash(), older.globalIndex()), proven.leafIndex(), proven.path()));

        assertBroken(verify(bundle.text()), older.globalIndex(), older.aggregateIdentifier(), older.sequenceNumber(),
                "bad-inclusion-proof");
    }

    @Test
    void aCheckpointEditedAfterSigningIsABadSignature() {
        Checkpoint signed = bundle.bundleCheckpoints.get(1);
        bundle.bundleCheckpoints.set(1, new Checkpoint(signed.number(), signed.position(), signed.eventCount() + 1,
                signed.aggregateCount(), signed.headsRoot(), signed.previousHash(), signed.createdAt(),
                signed.keyId(), signed.signature()));

        assertBrokenCheckpoint(verify(bundle.text()), signed.position(), "bad-signature");
    }

    @Test
    void aCheckpointLeftOutBreaksTheChainOfCheckpoints() {
        bundle.bundleCheckpoints.remove(1);

        assertBrokenCheckpoint(verify(bundle.text()), ledger.checkpoints.get(2).position(),
                "checkpoint-chain-broken");
    }

    @Test
    void aKeySwappedInTheHeaderIsABadSignatureAtTheFirstCheckpoint() {
        bundle.keys = List.of(CheckpointSigner.generate().publicKey());

        assertBrokenCheckpoint(verify(bundle.text()), ledger.checkpoints.get(0).position(), "bad-signature");
    }

    @Test
    void aBundleForgedWithAnotherKeyIsConsistentButPinningTheLedgersKeyRefusesIt() {
        CheckpointSigner forger = CheckpointSigner.generate();
        LedgerFixture forged = new LedgerFixture(forger)
                .append(employees, 5, 300).checkpoint();
        String text = forged.bundle(EMPLOYEE, LedgerFixture.START, forged.time(1_000)).text();

        assertThat(verify(text).status()).isEqualTo(BundleReport.Status.VERIFIED);
        BundleReport byId = verify(text, new BundleVerifier.Trust(List.of(), List.of(key.keyId())));
        assertBrokenCheckpoint(byId, forged.checkpoints.get(0).position(), "bad-signature");
        BundleReport byKey = verify(text, new BundleVerifier.Trust(List.of(key.publicKey()), List.of()));
        assertBrokenCheckpoint(byKey, forged.checkpoints.get(0).position(), "bad-signature");
        assertThat(byKey.pinned()).isTrue();
    }

    @Test
    void pinningTheLedgersKeyVerifiesItsBundle() {
        BundleReport report = verify(bundle.text(), new BundleVerifier.Trust(List.of(), List.of(key.keyId())));

        assertThat(report.status()).as(report.describe()).isEqualTo(BundleReport.Status.VERIFIED);
        assertThat(report.trustedKeyIds()).containsExactly(key.keyId());
    }

    @Test
    void anEventPlacedBelowTheCheckpointsPositionAfterItsHeadIsARootMismatch() {
        String aggregate = employees.get(2);
        long position = ledger.checkpoints.get(2).position();
        bundle.edit(aggregate, 10, e -> new StoredEvent(position - 1, e.eventIdentifier(), e.aggregateIdentifier(),
                e.sequenceNumber(), e.type(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData(),
                e.timeStamp(), e.contentHash(), e.chainHash()));

        assertBroken(verify(bundle.text()), position - 1, aggregate, 10, "root-mismatch");
    }

    @Test
    void aBundleWithoutCheckpointsVerifiesWithEveryEventNotYetCovered() {
        LedgerFixture young = new LedgerFixture(key).append(employees, 3, 200);
        BundleReport report = verify(young.bundle(EMPLOYEE, LedgerFixture.START, young.time(1_000)).text());

        assertThat(report.status()).isEqualTo(BundleReport.Status.VERIFIED);
        assertThat(report.notYetCovered()).isEqualTo(report.events()).isEqualTo(12);
        assertThat(report.latest()).isNull();
    }

    @Test
    void aCutOffOrReorderedBundleIsUnreadable() {
        String text = bundle.text();
        String withoutEnd = text.substring(0, text.lastIndexOf("{\"kind\":\"end\""));
        assertThatThrownBy(() -> verify(withoutEnd)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("cut off");

        String[] lines = text.split("\n");
        String withoutOneLine = String.join("\n", List.of(lines).subList(0, lines.length - 2)) + "\n"
                + lines[lines.length - 1] + "\n";
        assertThatThrownBy(() -> verify(withoutOneLine)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("the end line counts");

        String headerLast = String.join("\n", List.of(lines).subList(1, lines.length)) + "\n" + lines[0] + "\n";
        assertThatThrownBy(() -> verify(headerLast)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("line 1: the first line is not the header");

        String afterEnd = text + lines[lines.length - 2] + "\n";
        assertThatThrownBy(() -> verify(afterEnd)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("a line after the end line");

        String headAfterEvents = text.replace(lines[lines.length - 2] + "\n",
                lines[lines.length - 2] + "\n" + headLine(lines) + "\n");
        assertThatThrownBy(() -> verify(headAfterEvents)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("a head line after the events lines");

        String otherFormat = text.replaceFirst("leave-ledger/bundle/v1", "leave-ledger/bundle/v9");
        assertThatThrownBy(() -> verify(otherFormat)).isInstanceOf(UnreadableBundleException.class)
                .hasMessageContaining("this verifier reads leave-ledger/bundle/v1");
    }

    private static String headLine(String[] lines) {
        for (String line : lines) {
            if (line.startsWith("{\"kind\":\"head\"")) {
                return line;
            }
        }
        throw new IllegalStateException("no head line");
    }

    private static void assertBroken(BundleReport report, long globalIndex, String aggregate, long sequence,
                                     String reason) {
        assertThat(report.status()).as(report.describe()).isEqualTo(BundleReport.Status.BROKEN);
        assertThat(report.firstBreak()).as(report.describe())
                .isEqualTo(new ChainVerifier.Break(globalIndex, aggregate, sequence, reason(reason)));
        assertThat(report.describe()).startsWith("BROKEN at global index " + globalIndex + ", aggregate " + aggregate
                + ", sequence " + sequence + ": " + reason);
    }

    private static void assertBrokenCheckpoint(BundleReport report, long position, String reason) {
        assertThat(report.status()).as(report.describe()).isEqualTo(BundleReport.Status.BROKEN);
        assertThat(report.firstBreak()).as(report.describe())
                .isEqualTo(ChainVerifier.Break.ofCheckpoint(position, reason(reason)));
    }

    private static ChainVerifier.Reason reason(String code) {
        for (ChainVerifier.Reason reason : ChainVerifier.Reason.values()) {
            if (reason.code().equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException(code);
    }

    static BundleReport verify(String text) {
        return verify(text, BundleVerifier.Trust.bundleKeys());
    }

    static BundleReport verify(String text, BundleVerifier.Trust trust) {
        try {
            return BundleVerifier.verify(new BufferedReader(new StringReader(text)), trust);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
