package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.e2e.FuzzInputs.Body;
import com.leaveledger.e2e.FuzzInputs.BodyKind;
import com.leaveledger.e2e.FuzzInputs.Made;
import com.leaveledger.e2e.FuzzInputs.World;
import com.leaveledger.e2e.FuzzTokens.Token;
import com.leaveledger.e2e.Ledger.Person;
import com.leaveledger.e2e.OpenApi.Operation;
import com.leaveledger.e2e.OpenApi.Param;
import com.leaveledger.e2e.RawHttp.Header;
import com.leaveledger.e2e.RawHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fuzz suite of our own: every operation the three services publish in their OpenAPI documents, read at run time,
 * is sent generated inputs — bodies from the request schema with mutations, path and query parameters, headers and
 * methods, tokens — and every answer must hold:
 * <ul>
 *   <li>no 5xx, and an answer at all;</li>
 *   <li>every 4xx is {@code application/problem+json} with {@code status} and {@code rule};</li>
 *   <li>a refused command (4xx) stores no event: the command side's event count is the same before and after;</li>
 *   <li>an input the contract forbids (the OpenAPI schema, BRIEF §8, docs/api.md: a control character in a string,
 *       a wrong JSON type, an enum near-miss, trailing garbage, an instant out of range, a token without
 *       {@code exp} or {@code sub}…) is not answered 2xx.</li>
 * </ul>
 * Afterwards a normal leave request still flows end to end: read model, balance and notifications.
 *
 * <p>Each property is a seeded loop of tries, as a property-based library would run it (without shrinking: the
 * system under test is stateful, so each finding is reported with its full request instead). The seed is printed at
 * the start; {@code -Dfuzz.seed=N} replays the same inputs, {@code -Dfuzz.tries=N} sets the tries of every property.
 * All findings are also written to {@code e2e/target/fuzz-findings.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzE2eIT {

    private static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    private static final Integer TRIES = Integer.getInteger("fuzz.tries");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final int YEAR = 2031;

    private static LedgerSystem system;
    private static ServiceProcess commands;
    private static ServiceProcess query;
    private static ServiceProcess notifications;
    private static Connection database;
    private static World world;
    private static final List<Operation> operations = new ArrayList<>();
    /** Who may call what, learned by probing every operation with every token (401/403 = not allowed). */
    private static final Map<Operation, List<Caller>> allowed = new LinkedHashMap<>();
    private static final Map<String, Finding> findings = new LinkedHashMap<>();
    private static int sent;

    /** The callers of the seeded world, one per role. */
    enum Caller {
        HR("HR"), EMPLOYEE("EMPLOYEE"), MANAGER("EMPLOYEE", "MANAGER"), COMPLIANCE("COMPLIANCE"),
        ENGINEER("ENGINEER");

        final String[] roles;

        Caller(String... roles) {
            this.roles = roles;
        }

        String subject() {
            return switch (this) {
                case EMPLOYEE -> world.employee();
                case MANAGER -> world.manager();
                default -> "fz-" + name().toLowerCase();
            };
        }

        String token() {
            return FuzzTokens.valid(subject(), roles);
        }
    }

    // --- the system and its seeded world ------------------------------------------------------------------------

    @BeforeAll
    static void startTheSystemAndSeedAWorld() throws SQLException {
        System.out.println("FuzzE2eIT seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
        system = LedgerSystem.start();
        commands = system.startCommandSide("command-side");
        query = system.startQuerySide("query-side");
        notifications = system.startNotificationSaga("notification-saga");
        LedgerSystem.awaitUp(commands, query, notifications);
        database = LedgerSystem.database();

        Ledger ledger = new Ledger(commands);
        String tag = Long.toHexString(SEED & 0xffffffL);
        Person manager = new Person("fz-mgr-" + tag, null);
        Person employee = new Person("fz-emp-" + tag, manager.id());
        ledger.register(manager);
        ledger.register(employee);
        for (int year = YEAR; year <= YEAR + 4; year++) {
            ledger.grant(employee, year, 60);
        }
        // pending requests for approve, reject and cancel to act on: single Tuesdays in the year after the others
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String day = LocalDate.of(YEAR + 4, 2 + i, 10).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY))
                    .toString();
            requests.add(ledger.submit(employee, day, day, "fz-seed-" + i));
        }
        List<String> projections = Http.get(query, "/admin/projections", Ledger.ENGINEER).body()
                .findValuesAsText("name").stream().distinct().toList();
        world = new World(employee.id(), manager.id(), requests, projections, YEAR);

        for (ServiceProcess service : List.of(commands, query, notifications)) {
            operations.addAll(OpenApi.operations(service));
        }
        System.out.println("FuzzE2eIT: " + operations.size() + " operations from /v3/api-docs: "
                + operations.stream().map(Operation::toString).collect(Collectors.joining(", ")));
        probeWhoMayCallWhat();
    }

    /**
     * Every operation with every caller, changing nothing: a body of {@code []} (the roles are checked before the
     * body is read), and for operations without a body that are not reads, path values that name nothing.
     */
    private static void probeWhoMayCallWhat() {
        FuzzInputs inputs = new FuzzInputs(new Random(SEED), world);
        for (Operation operation : operations) {
            List<Caller> callers = new ArrayList<>();
            for (Caller caller : Caller.values()) {
                boolean harmless = operation.body() != null || SAFE_METHODS.contains(operation.method());
                String target = target(inputs, operation, null, null, !harmless);
                Body body = operation.body() != null ? new Body("[]".getBytes(StandardCharsets.UTF_8),
                        "application/json") : null;
                Response response = RawHttp.send(operation.service().port(), operation.method(), target,
                        headers("Bearer " + caller.token(), body), body == null ? null : body.bytes());
                if (response.status() != 401 && response.status() != 403) {
                    callers.add(caller);
                }
            }
            allowed.put(operation, callers.isEmpty() ? List.of(Caller.values()) : callers);
        }
        System.out.println("FuzzE2eIT: callers allowed per operation " + allowed);
    }

    @AfterAll
    static void stopTheSystem() throws SQLException, IOException {
        Path report = Path.of(System.getProperty("e2e.logs", "target/e2e-logs")).resolveSibling("fuzz-findings.txt");
        Files.writeString(report, "seed " + SEED + ", " + sent + " requests, " + findings.size() + " findings\n\n"
                + findings.values().stream().map(Finding::report).collect(Collectors.joining("\n")));
        System.out.println("FuzzE2eIT: " + sent + " requests, " + findings.size() + " findings in " + report);
        if (database != null) {
            database.close();
        }
        if (system != null) {
            system.close();
        }
    }

    // --- the properties -----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void bodiesFromTheSchemaAndMutationsOfThem() {
        List<Operation> withBody = operations.stream().filter(o -> o.body() != null).toList();
        // Edge cases first, as a property-based library tries them: NUL in every string field of every body, then
        // every kind of body for every operation; random tries after that.
        List<Runnable> edgeCases = new ArrayList<>();
        FuzzInputs edges = new FuzzInputs(new Random(SEED), world);
        for (Operation operation : withBody) {
            for (String field : FuzzInputs.stringFields(operation)) {
                edgeCases.add(() -> sendBody(edges, operation, edges.body(operation, BodyKind.CONTROL_CHAR, field, 0)));
            }
        }
        for (Operation operation : withBody) {
            for (BodyKind kind : BodyKind.values()) {
                edgeCases.add(() -> sendBody(edges, operation, edges.body(operation, kind)));
            }
        }
        property("bodies", 450, edgeCases, inputs -> {
            Operation operation = inputs.pick(withBody);
            BodyKind kind = inputs.chance(0.15) ? BodyKind.VALID : inputs.chance(0.2) ? BodyKind.CONTROL_CHAR
                    : inputs.pick(List.of(BodyKind.values()));
            sendBody(inputs, operation, inputs.body(operation, kind));
        });
    }

    private static void sendBody(FuzzInputs inputs, Operation operation, Made<Body> body) {
        Caller caller = inputs.pick(allowed.get(operation));
        List<Header> headers = headers("Bearer " + caller.token(), body.value());
        if (inputs.chance(0.3)) {
            headers.add(new Header("Idempotency-Key", "fz-" + inputs.random().nextLong()));
        }
        exchange("bodies", operation, operation.method(), target(inputs, operation, null, null, false), headers,
                body.value().bytes(), body.label() + " as " + caller, body.mustRefuse());
    }

    @Test
    @Order(2)
    void pathParameters() {
        List<Operation> withPath = operations.stream().filter(o -> !o.params("path").isEmpty()).toList();
        property("paths", 400, List.of(), inputs -> {
            Operation operation = inputs.pick(withPath);
            Param param = inputs.pick(operation.params("path"));
            Made<String> value = inputs.nastyPathValue(param, isCommand(operation, operation.method()));
            Made<Body> body = operation.body() == null ? null : inputs.body(operation, BodyKind.VALID);
            Caller caller = inputs.pick(allowed.get(operation));
            exchange("paths", operation, operation.method(),
                    target(inputs, operation, Map.of(param.name(), value.value()), null, false),
                    headers("Bearer " + caller.token(), body == null ? null : body.value()),
                    body == null ? null : body.value().bytes(), value.label() + " as " + caller, value.mustRefuse());
        });
    }

    @Test
    @Order(3)
    void queryStrings() {
        // Edge cases first: every query parameter of every operation with an instant beyond Instant's range and NUL.
        List<Runnable> edgeCases = new ArrayList<>();
        FuzzInputs edges = new FuzzInputs(new Random(SEED), world);
        for (Operation operation : operations) {
            for (Param param : operation.params("query")) {
                for (String wire : List.of("%2B1000000000-12-31T23:59:59.999999999Z", "%00", "a%00b")) {
                    edgeCases.add(() -> {
                        Made<Body> body = operation.body() == null ? null : edges.body(operation, BodyKind.VALID);
                        Caller caller = edges.pick(allowed.get(operation));
                        exchange("query", operation, operation.method(),
                                target(edges, operation, Map.of(param.name(), wire), null, false),
                                headers("Bearer " + caller.token(), body == null ? null : body.value()),
                                body == null ? null : body.value().bytes(),
                                "query " + param.name() + "=" + wire + " as " + caller,
                                FuzzInputs.violation(param, wire, true, isCommand(operation, operation.method())));
                    });
                }
            }
        }
        property("query", 250, edgeCases, inputs -> {
            Operation operation = inputs.pick(operations);
            List<Param> params = operation.params("query");
            Made<String> value;
            String extra = null;
            Map<String, String> override = null;
            if (!params.isEmpty() && inputs.chance(0.8)) {
                Param param = inputs.pick(params);
                value = inputs.nastyQueryValue(param, isCommand(operation, operation.method()));
                if (inputs.chance(0.15)) {
                    extra = FuzzInputs.encode(param.name()) + "=" + value.value();
                    value = new Made<>(value.value(), "repeated " + value.label(), null);
                } else {
                    override = Map.of(param.name(), value.value());
                }
            } else {
                Param unknown = new Param(inputs.pick(List.of("zz", "page", "size", "status", "%00", "a%0d%0ab")),
                        "query", false, FuzzInputs.NODES.objectNode());
                value = inputs.nastyQueryValue(unknown, false);
                value = new Made<>(value.value(), "unknown " + value.label(), null);
                extra = unknown.name() + "=" + value.value();
            }
            Made<Body> body = operation.body() == null ? null : inputs.body(operation, BodyKind.VALID);
            Caller caller = inputs.pick(allowed.get(operation));
            exchange("query", operation, operation.method(), target(inputs, operation, override, extra, false),
                    headers("Bearer " + caller.token(), body == null ? null : body.value()),
                    body == null ? null : body.value().bytes(), value.label() + " as " + caller, value.mustRefuse());
        });
    }

    @Test
    @Order(4)
    void headers() {
        property("headers", 250, List.of(), inputs -> {
            Operation operation = inputs.pick(operations);
            Made<Body> body = operation.body() == null ? null : inputs.body(operation, BodyKind.VALID);
            Caller caller = inputs.pick(allowed.get(operation));
            List<Header> headers = headers("Bearer " + caller.token(), body == null ? null : body.value());
            boolean command = isCommand(operation, operation.method());
            String label;
            String mustRefuse = null;
            switch (inputs.random().nextInt(7)) {
                case 0, 1 -> {
                    Made<String> value = inputs.nastyHeaderValue();
                    headers.add(new Header("Idempotency-Key", value.value()));
                    label = "Idempotency-Key " + value.label();
                    if (command && !FuzzInputs.validIdempotencyKey(value.value())) {
                        mustRefuse = "an Idempotency-Key that is not 1-200 visible ASCII characters";
                    }
                }
                case 2, 3 -> {
                    Made<String> value = inputs.nastyHeaderValue();
                    headers.removeIf(h -> h.name().equals("X-Correlation-Id"));
                    headers.add(new Header("X-Correlation-Id", value.value()));
                    label = "X-Correlation-Id " + value.label();
                }
                case 4 -> {
                    String type = inputs.pick(List.of("application/json; charset=UTF-16", "application/json;charset=x",
                            "*/*", "application/merge-patch+json", "", "application/json\u0085", "text/plain",
                            "application/json, text/plain"));
                    headers.removeIf(h -> h.name().equals("Content-Type"));
                    headers.add(new Header("Content-Type", type));
                    label = "Content-Type " + FuzzInputs.escape(type);
                }
                case 5 -> {
                    String accept = inputs.pick(List.of("application/xml", "text/html", "text/csv", "*/*;q=x",
                            "application/problem+json", "image/png", "\u0080"));
                    headers.add(new Header("Accept", accept));
                    label = "Accept " + FuzzInputs.escape(accept);
                }
                default -> {
                    Header odd = inputs.pick(List.of(new Header("X-Big", "x".repeat(20_000)),
                            new Header("X Bad Name", "1"), new Header("X-Nul", "a\u0000b"),
                            new Header("Authorization", "Bearer " + Caller.HR.token()),
                            new Header("X-Forwarded-For", "' OR 1=1"), new Header("Transfer-Encoding", "gzip"),
                            new Header("X-Correlation-Id", "one"), new Header("Expect", "fancy")));
                    headers.add(odd);
                    label = "header " + FuzzInputs.escape(FuzzInputs.abbreviate(odd.name() + ": " + odd.value(), 40));
                }
            }
            exchange("headers", operation, operation.method(), target(inputs, operation, null, null, false), headers,
                    body == null ? null : body.value().bytes(), label + " as " + caller, mustRefuse);
        });
    }

    @Test
    @Order(5)
    void tokens() {
        List<Operation> secured = operations.stream().filter(Operation::secured).toList();
        property("tokens", 350, List.of(), inputs -> {
            Operation operation = inputs.pick(secured);
            Caller caller = inputs.pick(allowed.get(operation));
            Token token = FuzzTokens.mutated(inputs.random(), caller.subject(), caller.roles);
            Made<Body> body = operation.body() == null ? null : inputs.body(operation, BodyKind.VALID);
            exchange("tokens", operation, operation.method(), target(inputs, operation, null, null, false),
                    headers(token.authorization(), body == null ? null : body.value()),
                    body == null ? null : body.value().bytes(), "token: " + token.label() + " of " + caller,
                    token.mustRefuse());
        });
    }

    @Test
    @Order(6)
    void methodsAndRawPaths() {
        property("request-line", 300, List.of(), inputs -> {
            Operation operation = inputs.pick(operations);
            Caller caller = inputs.pick(allowed.get(operation));
            String target = target(inputs, operation, null, null, false);
            String method = operation.method();
            String label;
            String mustRefuse = null;
            if (inputs.chance(0.4)) {
                method = inputs.pick(List.of("TRACE", "TRACK", "FOO", "PROPFIND", "get", "CONNECT", "OPTIONS",
                        "PATCH", "PUT", "DELETE", "HEAD", "POST", "GET"));
                label = "method " + method;
                if (Set.of("TRACE", "TRACK", "FOO", "PROPFIND", "get", "CONNECT").contains(method)) {
                    mustRefuse = "method " + method + " is no operation of the API";
                }
            } else if (inputs.chance(0.6)) {
                String[] segments = target.split("\\?", 2)[0].split("/");
                int at = 1 + inputs.random().nextInt(segments.length - 1);
                String change = inputs.pick(List.of(";x=1", "//", "/./", "/../", "%2e%2e", "%2F", "%0d%0a", "%0A",
                        "%00", "%5C", "\\", "%25", "/", ";", "%3B", "%E2%80%AE", "\u00e9", "\u0085"));
                segments[at] = segments[at] + change;
                String query = target.contains("?") ? "?" + target.split("\\?", 2)[1] : "";
                target = String.join("/", segments) + query;
                label = "path with " + FuzzInputs.escape(change) + " after segment " + at;
            } else {
                target = inputs.pick(List.of("/error", "/ERROR", "/error/x", "/error?x=%00", "/actuator/env",
                        "/actuator/heapdump", "/nonexistent", "/api", "/", "/v3/api-docs/%00", "*",
                        "http://localhost/api/employees", "/%2e%2e/etc/passwd", "/api/employees%0d%0a",
                        "/" + "x".repeat(10_000), "/api/employees#frag", "/swagger-ui/..%2f..%2factuator/env",
                        "/actuator/health/%00", "/api/employees?" + "a=1&".repeat(2000)));
                label = "target " + FuzzInputs.escape(FuzzInputs.abbreviate(target, 50));
            }
            Made<Body> body = operation.body() == null || method.equals("GET") || method.equals("HEAD") ? null
                    : inputs.body(operation, BodyKind.VALID);
            exchange("request-line", operation, method, target,
                    headers("Bearer " + caller.token(), body == null ? null : body.value()),
                    body == null ? null : body.value().bytes(), label + " as " + caller, mustRefuse);
        });
    }

    @Test
    @Order(100)
    void aNormalRequestStillFlowsEndToEndAfterTheFuzzing() {
        for (ServiceProcess service : List.of(commands, query, notifications)) {
            assertThat(service.isAlive()).as("%s still runs; log tail:%n%s", service, service.tail(40)).isTrue();
        }
        Ledger ledger = new Ledger(commands);
        Person manager = Person.manager("after-fuzz-mgr");
        Person employee = Person.reportingTo("after-fuzz", manager);
        ledger.register(manager);
        ledger.register(employee);
        ledger.grant(employee, YEAR, 25);
        String request = ledger.submit(employee, YEAR + "-03-03", YEAR + "-03-07", "fz-after-submit");
        await("submitted request projected").atMost(PATIENCE).until(
                () -> Ledger.status(query, employee, request), "SUBMITTED"::equals);
        ledger.approve(manager, request, "fz-after-approve");

        await("approval and balance projected").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(Ledger.status(query, employee, request)).isEqualTo("APPROVED");
            assertThat(Ledger.annualBalance(query, employee, YEAR)).isEqualTo("25.0/5.0/0.0/20.0");
        });
        await("employee told of the approval by email and SMS").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email())).contains("Your leave was approved");
            assertThat(system.smsTo(employee.phone())).hasSize(1);
        });
    }

    // --- running a property -------------------------------------------------------------------------------------

    /**
     * The edge cases, then {@code tries} inputs from a random seeded by the suite's seed and the property's name; any
     * finding fails the property, with every kind of failure, its first example and how often it happened.
     */
    private static void property(String name, int defaultTries, List<Runnable> edgeCases,
                                 Consumer<FuzzInputs> trial) {
        int tries = TRIES != null ? TRIES : defaultTries;
        long seed = SEED * 31 + name.hashCode();
        FuzzInputs inputs = new FuzzInputs(new Random(seed), world);
        int before = findings.size();
        long start = System.nanoTime();
        for (int i = 0; i < edgeCases.size(); i++) {
            current = name + " edge case " + i;
            edgeCases.get(i).run();
        }
        for (int i = 0; i < tries; i++) {
            current = name + " try " + i;
            trial.accept(inputs);
        }
        System.out.printf("FuzzE2eIT %s: %d edge cases and %d tries in %.1f s, %d kinds of failure%n", name,
                edgeCases.size(), tries, (System.nanoTime() - start) / 1e9, findings.size() - before);
        List<Finding> mine = findings.values().stream().filter(f -> f.property().equals(name)).toList();
        if (!mine.isEmpty()) {
            fail("property '" + name + "' (seed " + SEED + ", rerun with -Dfuzz.seed=" + SEED + "): " + mine.size()
                    + " kinds of failure" + (mine.size() > 40 ? ", the first 40 here, all in fuzz-findings.txt" : "")
                    + "\n\n" + mine.stream().limit(40).map(Finding::report).collect(Collectors.joining("\n")));
        }
    }

    private static boolean isCommand(Operation operation, String method) {
        return operation.service() == commands && !SAFE_METHODS.contains(method.toUpperCase());
    }

    private static String current = "";

    /** Sends one request and records whatever it breaks. */
    private static void exchange(String property, Operation operation, String method, String target,
                                 List<Header> headers, byte[] body, String label, String mustRefuse) {
        boolean command = isCommand(operation, method);
        long eventsBefore = command ? events() : 0;
        Response response = RawHttp.send(operation.service().port(), method, target, headers, body);
        sent++;
        int status = response.status();
        List<String> broken = new ArrayList<>();
        if (status < 0) {
            broken.add("no answer");
        } else if (status >= 500 && !(status == 501 && (method.equals("CONNECT") || headers.stream()
                .anyMatch(h -> h.name().equalsIgnoreCase("Transfer-Encoding"))))) {
            // (501 is HTTP's answer to a transfer coding the server does not implement, RFC 9112 §6.1, and Tomcat's
            // to CONNECT, a proxy's method, answered before any filter of ours: both as problem+json)
            broken.add("5xx");
        } else if (status >= 400) {
            String type = response.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                broken.add("4xx not problem+json");
            } else if (!method.equals("HEAD")) {
                try {
                    JsonNode problem = Http.JSON.readTree(response.body());
                    if (problem == null || problem.path("status").asInt() != status
                            || !problem.path("rule").isTextual()) {
                        broken.add("problem+json without status/rule");
                    }
                } catch (IOException e) {
                    broken.add("problem+json that is not JSON");
                }
            }
        }
        if (command && (status >= 400 || status < 0)) {
            long stored = events() - eventsBefore;
            if (stored != 0) {
                broken.add("partial change (" + stored + " events stored by a refused command)");
            }
        }
        if (mustRefuse != null && status >= 200 && status < 300) {
            broken.add("2xx for invalid input: " + FuzzInputs.escape(mustRefuse));
        }
        for (String kind : broken) {
            String key = property + "|" + kind + "|" + operation.method() + " " + operation.path() + "|" + label;
            findings.computeIfAbsent(key, k -> new Finding(property, kind, operation, label, current, method,
                    target, headers, body, response)).count++;
        }
    }

    /** The command side's stored events. */
    private static long events() {
        try (Statement statement = database.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from command_side.domain_event_entry")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request target: the operation's path with valid (or given, already encoded) values, and its query. */
    private static String target(FuzzInputs inputs, Operation operation, Map<String, String> given, String extraQuery,
                                 boolean unknownIds) {
        String path = operation.path();
        for (Param param : operation.params("path")) {
            String value = given != null && given.containsKey(param.name()) ? given.get(param.name())
                    : unknownIds && FuzzInputs.type(param.schema()).equals("string") && !param.schema().has("enum")
                    ? (param.schema().path("format").asText("").equals("uuid")
                    ? "00000000-0000-0000-0000-000000000000" : "fz-nobody")
                    : inputs.validParam(operation.path(), param);
            path = path.replace("{" + param.name() + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (Param param : operation.params("query")) {
            if (given != null && given.containsKey(param.name())) {
                query.add(FuzzInputs.encode(param.name()) + "=" + given.get(param.name()));
            } else if (param.required() || inputs.chance(0.4)) {
                query.add(FuzzInputs.encode(param.name()) + "=" + inputs.validParam(operation.path(), param));
            }
        }
        if (extraQuery != null) {
            query.add(extraQuery);
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private static List<Header> headers(String authorization, Body body) {
        List<Header> headers = new ArrayList<>();
        if (authorization != null) {
            headers.add(new Header("Authorization", authorization));
        }
        if (body != null) {
            headers.add(new Header("Content-Type", body.contentType()));
        }
        headers.add(new Header("X-Correlation-Id", "fz-" + sent));
        return headers;
    }

    /** One kind of failure (property, what broke, operation, input) with its first example and how often. */
    private static final class Finding {

        private final String property;
        private final String kind;
        private final Operation operation;
        private final String label;
        private final String example;
        int count;

        Finding(String property, String kind, Operation operation, String label, String at, String method,
                String target, List<Header> headers, byte[] body, Response response) {
            this.property = property;
            this.kind = kind;
            this.operation = operation;
            this.label = label;
            StringBuilder text = new StringBuilder();
            text.append("    first at ").append(at).append(" (seed ").append(SEED).append(")\n");
            text.append("    request:  ").append(FuzzInputs.escape(FuzzInputs.abbreviate(method + " " + target, 300)))
                    .append(" → ").append(operation.service().name()).append('\n');
            for (Header header : headers) {
                text.append("              ").append(FuzzInputs.escape(FuzzInputs.abbreviate(header.name() + ": "
                        + header.value(), 400))).append('\n');
            }
            if (body != null) {
                text.append("              body (").append(body.length).append(" bytes): ")
                        .append(FuzzInputs.escape(FuzzInputs.abbreviate(new String(body,
                                StandardCharsets.ISO_8859_1), 300))).append('\n');
            }
            text.append("    response: ").append(response.status() < 0 ? "none: " + response.error()
                    : response.status() + " " + response.header("Content-Type") + " "
                    + FuzzInputs.escape(FuzzInputs.abbreviate(response.bodyText(), 300))).append('\n');
            this.example = text.toString();
        }

        String property() {
            return property;
        }

        String report() {
            return "[" + property + "] " + kind + " — " + operation + " — " + label + " (×" + count + ")\n" + example;
        }
    }
}
