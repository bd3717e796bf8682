package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifierMainTest {

    private final CheckpointSigner key = CheckpointSigner.generate();
    private final LedgerFixture ledger = new LedgerFixture(key)
            .append(List.of("eli", "eli:ANNUAL:2027", "mia"), 5, 200).checkpoint()
            .append(List.of("eli", "eli:ANNUAL:2027", "mia"), 2, 200);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void anUntouchedBundleExitsZeroWithVerified() throws Exception {
        Path bundle = write(bundle());

        assertThat(run(bundle.toString())).isEqualTo(0);
        assertThat(out()).startsWith("VERIFIED\n").contains("employee eli").contains("14 of 2 aggregate(s)")
                .contains("not yet covered by a checkpoint: 4 event(s)")
                .contains("taken from the bundle: pin them with --trusted-key");
    }

    @Test
    void aTamperedBundleExitsOneNamingTheFirstBadEvent() throws Exception {
        String text = bundle();
        int at = text.indexOf("\"payload\":\"") + "\"payload\":\"".length() + 4;
        Path bundle = write(text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1));

        assertThat(run(bundle.toString())).isEqualTo(1);
        assertThat(out()).matches("(?s)BROKEN at global index \\d+, aggregate eli, sequence 0: "
                + "content-hash-mismatch.*");
    }

    @Test
    void anUnreadableBundleOrAMissingFileOrNoArgumentExitsTwo() throws Exception {
        assertThat(run(write("{\"kind\":\"header\"\n").toString())).isEqualTo(2);
        assertThat(out()).startsWith("UNREADABLE line 1: expected");
        assertThat(run(write(bundle().replace("{\"kind\":\"end\"", "{\"kind\":\"nope\"")).toString())).isEqualTo(2);
        Path invalidUtf8 = dir.resolve("latin1.ndjson");
        Files.write(invalidUtf8, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        assertThat(run(invalidUtf8.toString())).isEqualTo(2);
        assertThat(run(dir.resolve("missing.ndjson").toString())).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar verifier.jar");
    }

    @Test
    void aPinnedPublicKeyFileOrKeyIdIsTheOnlyKeyTrusted() throws Exception {
        Path bundle = write(bundle());
        Path publicKey = dir.resolve("signing-key.pub.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path otherDer = dir.resolve("other.der");
        Files.write(otherDer, CheckpointSigner.generate().publicKey().getEncoded());

        assertThat(run("--trusted-key", publicKey.toString(), bundle.toString())).isEqualTo(0);
        assertThat(out()).contains(key.keyId() + " (pinned)");
        assertThat(run("--trusted-key", key.keyId(), bundle.toString())).isEqualTo(0);
        assertThat(run("--trusted-key", otherDer.toString(), bundle.toString())).isEqualTo(1);
        assertThat(out()).contains("bad-signature");
        assertThat(run("--trusted-key", CheckpointSigner.generate().keyId(), bundle.toString())).isEqualTo(1);
        assertThat(run("--trusted-key", dir.resolve("no-such-key.pem").toString(), bundle.toString())).isEqualTo(2);
    }

    private String bundle() {
        return ledger.bundle("eli", LedgerFixture.START, ledger.time(1_000)).text();
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(dir, "bundle", ".ndjson");
        Files.writeString(file, text);
        return file;
    }

    private int run(String... args) {
        out.reset();
        return BundleVerifierMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
