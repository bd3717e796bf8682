package com.leaveledger.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code java -jar verifier.jar [--trusted-key <file|keyId>]... <bundle.ndjson | ->}: verifies an evidence bundle
 * offline, with the JDK alone (docs/runbooks/verifying-the-ledger.md). Prints {@code VERIFIED} and what was checked,
 * or {@code BROKEN} naming the first bad event; exits 0, 1, or 2 when the bundle cannot be read (or the arguments
 * are wrong).
 */
public final class BundleVerifierMain {

    public static final int VERIFIED = 0;
    public static final int BROKEN = 1;
    public static final int UNREADABLE = 2;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String USAGE = """
            usage: java -jar verifier.jar [--trusted-key <file|keyId>]... <bundle.ndjson | ->
              --trusted-key  trust only this key for checkpoint signatures: a public key file (PEM "PUBLIC KEY" or
                             X.509 DER; openssl pkey -in signing-key.pem -pubout) or a key id (32 hex digits) whose
                             key the bundle carries; repeatable. Without it, the bundle's own keys are trusted.
            exit status: 0 VERIFIED, 1 BROKEN, 2 unreadable bundle or wrong arguments""";

    private BundleVerifierMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** What {@link #main} does, without exiting: the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<PublicKey> keys = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        String bundle = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--trusted-key") && i + 1 < args.length) {
                    trusted(args[++i], keys, keyIds);
                } else if (args[i].equals("-h") || args[i].equals("--help")) {
                    out.println(USAGE);
                    return VERIFIED;
                } else if (bundle == null && (!args[i].startsWith("-") || args[i].equals("-"))) {
                    bundle = args[i];
                } else {
                    err.println(USAGE);
                    return UNREADABLE;
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("cannot read the trusted key: " + e.getMessage());
            return UNREADABLE;
        }
        if (bundle == null) {
            err.println(USAGE);
            return UNREADABLE;
        }
        BundleVerifier.Trust trust = new BundleVerifier.Trust(keys, keyIds);
        try (BufferedReader in = bundle.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()), 1 << 20)
                : new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(bundle)),
                StandardCharsets.UTF_8.newDecoder()), 1 << 20)) {
            BundleReport report = BundleVerifier.verify(in, trust);
            out.println(report.describe());
            return report.status() == BundleReport.Status.VERIFIED ? VERIFIED : BROKEN;
        } catch (UnreadableBundleException e) {
            out.println("UNREADABLE " + e.getMessage());
            return UNREADABLE;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + bundle);
            return UNREADABLE;
        } catch (IOException | RuntimeException e) {
            // malformed UTF-8 included (MalformedInputException)
            out.println("UNREADABLE " + e);
            return UNREADABLE;
        }
    }

    private static void trusted(String argument, List<PublicKey> keys, List<String> keyIds) throws IOException {
        Path file = Path.of(argument);
        if (!Files.isRegularFile(file) && KEY_ID.matcher(argument).matches()) {
            keyIds.add(argument);
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PUBLIC KEY-----";
        if (text.contains(begin)) {
            bytes = Base64.getMimeDecoder().decode(text.substring(text.indexOf(begin) + begin.length(),
                    text.indexOf("-----END PUBLIC KEY-----")));
        }
        keys.add(CheckpointKeys.publicKey(bytes));
    }
}
