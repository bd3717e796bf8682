package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointVerifierTest {

    private final CheckpointSigner a = CheckpointSigner.generate();
    private final CheckpointSigner b = CheckpointSigner.generate();

    @Test
    void aKeyReadBackFromItsPkcs8FileSignsAsTheOriginalAndHasItsId(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, a.pkcs8Pem());

        CheckpointSigner read = CheckpointSigner.fromFile(file);

        assertThat(read.keyId()).isEqualTo(a.keyId());
        assertThat(read.publicKey().getEncoded()).isEqualTo(a.publicKey().getEncoded());
        Checkpoint signed = checkpoint(0, 10, Checkpoint.GENESIS).signedWith(read);
        assertThat(new CheckpointKeys().add(a.publicKey()).verifies(signed)).isTrue();
    }

    @Test
    void aKeyMadeByOpensslGenpkeyHasThePublicHalfOpensslDerives() {
        // openssl genpkey -algorithm ed25519 (a key for this test only); its id from
        // openssl pkey -pubout -outform DER | sha256sum
        String pem = """
                -----BEGIN PRIVATE KEY-----
                MC4CAQAwBQYDK2VwBCIEIJvjdYI+hmk64dPZemFzxuZFEeDhr9iyDgLmNHjxhkP+
                -----END PRIVATE KEY-----
                """;

        CheckpointSigner signer = CheckpointSigner.fromPkcs8(pem.getBytes(StandardCharsets.US_ASCII));

        assertThat(signer.keyId()).isEqualTo("17c33cb83b5b532466ec1d225db25979");
    }

    @Test
    void checkpointsSignedBeforeAndAfterAKeyRotationBothVerify() {
        List<Checkpoint> chain = chain(a, a, b, b);

        CheckpointVerifier verifier = verify(chain, new CheckpointKeys().add(a.publicKey()).add(b.publicKey()));

        assertThat(verifier.breaks().first()).isNull();
        assertThat(verifier.checked()).isEqualTo(4);
        assertThat(chain).extracting(Checkpoint::keyId).containsExactly(a.keyId(), a.keyId(), b.keyId(), b.keyId());
    }

    @Test
    void aCheckpointByAKeyNobodyTrustsIsABadSignature() {
        List<Checkpoint> chain = chain(a, b);

        CheckpointVerifier verifier = verifyTrustingA(chain);

        assertThat(verifier.breaks().first()).isEqualTo(breakAt(chain.get(1), ChainVerifier.Reason.BAD_SIGNATURE));
    }

    @Test
    void anEditedCountIsABadSignature() {
        List<Checkpoint> chain = chain(a, a, a);
        Checkpoint edited = chain.get(1);
        chain.set(1, new Checkpoint(edited.number(), edited.position(), edited.eventCount() + 1,
                edited.aggregateCount(), edited.headsRoot(), edited.previousHash(), edited.createdAt(),
                edited.keyId(), edited.signature()));

        CheckpointVerifier verifier = verifyTrustingA(chain);

        assertThat(verifier.breaks().first()).isEqualTo(breakAt(edited, ChainVerifier.Reason.BAD_SIGNATURE));
    }

    @Test
    void aDeletedCheckpointBreaksTheChainAtItsSuccessor() {
        List<Checkpoint> chain = chain(a, a, a, a);
        chain.remove(1);

        CheckpointVerifier verifier = verifyTrustingA(chain);

        assertThat(verifier.breaks().count()).isEqualTo(1);
        assertThat(verifier.breaks().first())
                .isEqualTo(breakAt(chain.get(1), ChainVerifier.Reason.CHECKPOINT_CHAIN_BROKEN));
    }

    @Test
    void aCheckpointResignedAfterAnEditIsOnlyCaughtByItsSuccessor() {
        List<Checkpoint> chain = chain(a, a, a);
        Checkpoint old = chain.get(1);
        chain.set(1, new Checkpoint(old.number(), old.position(), old.eventCount() - 1, old.aggregateCount(),
                old.headsRoot(), old.previousHash(), old.createdAt(), a.keyId(), new byte[0]).signedWith(a));

        CheckpointVerifier verifier = verifyTrustingA(chain);

        assertThat(verifier.breaks().first())
                .isEqualTo(breakAt(chain.get(2), ChainVerifier.Reason.CHECKPOINT_CHAIN_BROKEN));
    }

    private List<Checkpoint> chain(CheckpointSigner... signers) {
        List<Checkpoint> chain = new ArrayList<>();
        byte[] previous = Checkpoint.GENESIS;
        for (int i = 0; i < signers.length; i++) {
            Checkpoint checkpoint = checkpoint(i, 1_000L * (i + 1), previous).signedWith(signers[i]);
            chain.add(checkpoint);
            previous = checkpoint.hash();
        }
        return chain;
    }

    private static Checkpoint checkpoint(long number, long position, byte[] previous) {
        byte[] root = EventHashes.sha256().digest(("root " + number).getBytes(StandardCharsets.UTF_8));
        return new Checkpoint(number, position, position - 3, position / 4, root, previous,
                Instant.parse("2031-01-01T00:00:00Z").plusSeconds(number), "", new byte[0]);
    }

    /** The chain as a verifier that trusts key {@code a} alone reads it. */
    private CheckpointVerifier verifyTrustingA(List<Checkpoint> chain) {
        return verify(chain, new CheckpointKeys().add(a.publicKey()));
    }

    private static ChainVerifier.Break breakAt(Checkpoint checkpoint, ChainVerifier.Reason reason) {
        return ChainVerifier.Break.ofCheckpoint(checkpoint.position(), reason);
    }

    private static CheckpointVerifier verify(List<Checkpoint> chain, CheckpointKeys keys) {
        CheckpointVerifier verifier = new CheckpointVerifier(keys);
        chain.forEach(verifier::accept);
        return verifier;
    }
}
