package com.leaveledger.verifier;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the worst evidence bundle of its size and times the offline verifier on it in-process, three times (issue 24,
 * point 7: 100,000 events in ≤ 10 s). A program, run by {@code bench/run-verifier}, which then times the verifier's
 * jar as an auditor runs it, cold, one process per run.
 * <p>
 * The bundle: every event in full (~400-byte payloads), 1,000 aggregates of the employee in a store of 21,000, a
 * checkpoint every 1,000 events, the last 1,000 events not yet covered. It lives in the verifier's package because it
 * builds the bundle with the verifier's test fixture ({@code LedgerFixture}, from {@code verifier-<version>-tests.jar}).
 * <pre>
 * java -cp bench/target/bench.jar com.leaveledger.verifier.BundleBenchmark [events=100000] [file=bench/target/bundle-100k.ndjson]
 * </pre>
 */
public final class BundleBenchmark {

    private BundleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path file = Path.of(args.length > 1 ? args[1] : "bench/target/bundle-100k.ndjson");
        int aggregates = 1_000;
        int rounds = events / aggregates;

        long started = System.nanoTime();
        CheckpointSigner key = CheckpointSigner.generate();
        List<String> employee = new ArrayList<>();
        for (int i = 0; i < aggregates; i++) {
            employee.add(i == 0 ? "eli" : "eli:ANNUAL:" + (2000 + i % 100) + (i < 100 ? "" : "-" + i));
        }
        LedgerFixture ledger = new LedgerFixture(key).append(LedgerFixture.aggregates("others", 20_000), 1, 400);
        for (int round = 1; round <= rounds; round++) {
            ledger.append(employee, 1, 400);
            if (round < rounds) {
                ledger.checkpoint();
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ledger.bundle("eli", LedgerFixture.START, ledger.time(100_000_000)).write(out);
        }
        System.out.printf("bundle: %s, %,d bytes, written in %.1f s%n", file, Files.size(file),
                (System.nanoTime() - started) / 1e9);

        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            BundleReport report;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                report = BundleVerifier.verify(in, BundleVerifier.Trust.bundleKeys());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %s, %,d events (%,d in full), %,d checkpoints, %,d heads proven, "
                            + "%,d not yet covered: %.2f s (%,.0f events/s)%n", run, report.status(), report.events(),
                    report.fullEvents(), report.checkpoints(), report.headsProven(), report.notYetCovered(), seconds,
                    report.events() / seconds);
        }
    }
}
