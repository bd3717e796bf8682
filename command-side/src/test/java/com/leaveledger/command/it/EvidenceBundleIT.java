package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.command.integrity.CheckpointWriter;
import com.leaveledger.verifier.BundleReport;
import com.leaveledger.verifier.BundleVerifier;
import com.leaveledger.verifier.ChainVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Evidence that travels (docs/adr/0033, section 6; issue 24, point 7): an employee's bundle, streamed by
 * {@code GET /api/audit/bundle} from the real store and its signed checkpoints, verifies offline — through the
 * verifier's API and as {@code java -jar} on the built jar — and a byte flipped in it is named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceBundleIT extends CommandSideIT {

    @Autowired
    private CheckpointWriter writer;

    private String manager;
    private String employee;
    private String namesake;
    private final List<String> requests = new ArrayList<>();
    private String lateRequest;
    private Instant from;
    private Instant to;

    @BeforeAll
    void seed() {
        manager = id("m");
        employee = id("e");
        // an id that extends the employee's: none of its aggregates is the employee's
        namesake = id("e-2");
        registerTeam(manager, employee, namesake);
        grant(employee, "ANNUAL", 2031, 30);
        grant(namesake, "ANNUAL", 2031, 30);
        requests.add(submitted(employee, "2031-03-03", "2031-03-04"));
        submitted(namesake, "2031-03-03", "2031-03-04");
        from = Instant.now().plusMillis(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(from));
        requests.add(submitted(employee, "2031-04-07", "2031-04-08"));
        requests.add(submitted(employee, "2031-05-05", "2031-05-06"));
        assertThat(post("/api/leave-requests/" + requests.get(1) + "/approve", token(manager, "EMPLOYEE", "MANAGER"),
                Map.of("comment", "enjoy")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/leave-requests/" + requests.get(2) + "/cancel", token(employee, "EMPLOYEE"),
                Map.of("reason", "plans changed")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long seeded = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            writer.writeNow();
            Long position = jdbc.queryForObject("select max(position) from ledger_integrity.checkpoint", Long.class);
            return position != null && position >= seeded;
        });
        // after the checkpoint: covered by the chain only
        lateRequest = submitted(employee, "2031-06-09", "2031-06-10");
        to = Instant.now().plus(1, ChronoUnit.HOURS);
    }

    @Test
    void theBundleOfAnEmployeeVerifiesOfflineWithTheLedgersKeysPinned() throws IOException {
        String bundle = bundle(employee, from, to);

        BundleReport report = verify(bundle);

        assertThat(report.status()).as(report.describe()).isEqualTo(BundleReport.Status.VERIFIED);
        List<String> aggregates = new ArrayList<>(List.of(employee, employee + ":ANNUAL:2031"));
        aggregates.addAll(requests);
        aggregates.add(lateRequest);
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = any(?)",
                Long.class, (Object) aggregates.toArray(String[]::new));
        assertThat(report.aggregates()).isEqualTo(aggregates.size());
        assertThat(report.events()).isEqualTo(stored);
        // before the period: the registration, the grant, the first request and its reservation
        assertThat(report.digests()).isEqualTo(4);
        assertThat(report.headsProven()).isEqualTo(aggregates.size() - 1);
        // the late request's event and the account's reservation for it
        assertThat(report.notYetCovered()).isEqualTo(2);
        assertThat(report.latest().aggregateCount()).isGreaterThan(aggregates.size());
        assertThat(bundle).doesNotContain(namesake);
        assertThat(bundle.lines().filter(line -> line.startsWith("{\"kind\":\"event\"")))
                .allSatisfy(line -> assertThat(line).contains("\"payload\":\"", "\"metaData\":\""));
    }

    @Test
    void aByteFlippedInTheBundleIsNamed() throws IOException {
        String bundle = bundle(employee, from, to);
        String line = bundle.lines().filter(l -> l.startsWith("{\"kind\":\"event\"")).skip(2).findFirst()
                .orElseThrow();
        JsonNode event = json.readTree(line);

        BundleReport report = verify(bundle.replace(line, flipPayload(line)));

        assertThat(report.status()).isEqualTo(BundleReport.Status.BROKEN);
        assertThat(report.firstBreak()).isEqualTo(new ChainVerifier.Break(event.get("globalIndex").asLong(),
                event.get("aggregateId").asText(), event.get("sequenceNumber").asLong(),
                ChainVerifier.Reason.CONTENT_HASH_MISMATCH));
    }

    @Test
    void theRunnableJarVerifiesTheBundleAndNamesAFlippedByte(@TempDir Path dir) throws Exception {
        Path jar = verifierJar();
        Assumptions.assumeTrue(jar != null, "verifier/target/verifier-*.jar is built by the reactor's package phase");
        String bundle = bundle(employee, from, to);
        Path file = dir.resolve("bundle.ndjson");
        Files.writeString(file, bundle);
        String line = bundle.lines().filter(l -> l.startsWith("{\"kind\":\"event\"")).findFirst().orElseThrow();
        Path tampered = dir.resolve("tampered.ndjson");
        Files.writeString(tampered, bundle.replace(line, flipPayload(line)));

        Run verified = java(jar, "--trusted-key", CURRENT_KEY.keyId(), "--trusted-key", EARLIER_KEY.keyId(),
                file.toString());
        assertThat(verified.exit()).as(verified.output()).isEqualTo(0);
        assertThat(verified.output()).startsWith("VERIFIED").contains("(pinned)")
                .contains("not yet covered by a checkpoint: 2 event(s)");

        Run broken = java(jar, tampered.toString());
        JsonNode event = json.readTree(line);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).startsWith("BROKEN at global index " + event.get("globalIndex").asLong()
                + ", aggregate " + event.get("aggregateId").asText() + ", sequence "
                + event.get("sequenceNumber").asLong() + ": content-hash-mismatch");
    }

    @Test
    void onlyComplianceMayExportABundle() {
        String path = "/api/audit/bundle?employeeId=" + employee + "&from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z";
        assertThat(get(path, token(employee, "EMPLOYEE", "MANAGER", "HR")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badParametersAreProblemsNamingTheRule() {
        String auditor = token(id("auditor"), "COMPLIANCE");
        expectProblem(get("/api/audit/bundle?employeeId=" + employee + "&from=2031-01-02T00:00:00Z"
                + "&to=2031-01-01T00:00:00Z", auditor), 400, "invalid-period");
        for (String query : List.of("employeeId=a:b&from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z",
                "employeeId=" + "x".repeat(65) + "&from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z",
                "employeeId=" + employee + "&from=1999-12-31T23:59:59Z&to=2031-01-01T00:00:00Z",
                "employeeId=" + employee + "&from=2030-01-01T00:00:00Z&to=2101-01-01T00:00:00Z",
                "employeeId=" + employee + "&from=2030-01-01&to=2031-01-01T00:00:00Z",
                "employeeId=" + employee + "&to=2031-01-01T00:00:00Z",
                "from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z")) {
            ResponseEntity<String> answer = get("/api/audit/bundle?" + query, auditor);
            assertThat(answer.getStatusCode().value()).as(query + ": " + answer.getBody()).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        }
        expectProblem(get("/api/audit/bundle?employeeId=" + id("nobody") + "&from=2030-01-01T00:00:00Z"
                + "&to=2031-01-01T00:00:00Z", auditor), 404, "employee-not-found");
    }

    private void expectProblem(ResponseEntity<String> answer, int status, String rule) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        try {
            assertThat(json.readTree(answer.getBody()).get("rule").asText()).isEqualTo(rule);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String submitted(String who, String start, String end) {
        ResponseEntity<JsonNode> answer = submit(who, "ANNUAL", start, end);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return answer.getBody().get("leaveRequestId").asText();
    }

    private String bundle(String who, Instant since, Instant until) {
        ResponseEntity<String> answer = get("/api/audit/bundle?employeeId=" + who + "&from=" + since + "&to=" + until,
                token(id("auditor"), "COMPLIANCE"));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/x-ndjson");
        assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"bundle-" + who + ".ndjson\"");
        return answer.getBody();
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** Verified with the keys the service signs with (and the earlier one a rotation test may have used). */
    private static BundleReport verify(String bundle) throws IOException {
        return BundleVerifier.verify(new BufferedReader(new StringReader(bundle)),
                new BundleVerifier.Trust(List.of(), List.of(CURRENT_KEY.keyId(), EARLIER_KEY.keyId())));
    }

    /** One character of the payload's base64 changed: the event's stored bytes, as the bundle carries them. */
    private static String flipPayload(String line) {
        int at = line.indexOf("\"payload\":\"") + "\"payload\":\"".length() + 10;
        return line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1);
    }

    private static Path verifierJar() throws IOException {
        Path target = Path.of("..", "verifier", "target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("verifier-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElse(null);
        }
    }

    private static Run java(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exit, String output) {
    }
}
