package com.leaveledger.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Everything the services need, real: PostgreSQL (database {@code leave_ledger_e2e}, the services' schemas dropped
 * at start so every run begins empty), a KRaft Kafka broker with the topics, GreenMail as SMTP server and WireMock
 * as SMS and push provider — and the services themselves as separate processes wired to all of it.
 */
final class LedgerSystem implements AutoCloseable {

    static final String DB_URL = System.getenv().getOrDefault("LEDGER_E2E_DB_URL",
            "jdbc:postgresql://localhost:5432/leave_ledger_e2e");
    static final String DB_USER = System.getenv().getOrDefault("LEDGER_DB_USER", "leave_ledger");
    static final String DB_PASSWORD = System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "leave_ledger");
    /** The HS256 secret of the services' dev profile in these runs (not the documented default). */
    static final String JWT_SECRET = "e2e-only-leave-ledger-secret-0123456789abcdef0123456789";
    static final String EVENTS_TOPIC = "leave-ledger.events";
    static final String DLQ_TOPIC = "leave-ledger.notifications.dlq";
    /** Start-up of several JVMs at once on two busy cores. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** The embedded broker, or a broker process a test can kill and restart. */
    private final EmbeddedKafkaKraftBroker kafka;
    private final KafkaProcess kafkaProcess;
    private final FlakyProviders flaky = new FlakyProviders();
    private final WireMockServer providers;
    private final int smtpPort;
    private GreenMail smtp;
    private final List<ServiceProcess> processes = new ArrayList<>();

    private LedgerSystem(EmbeddedKafkaKraftBroker kafka, KafkaProcess kafkaProcess, GreenMail smtp) {
        this.kafka = kafka;
        this.kafkaProcess = kafkaProcess;
        this.smtp = smtp;
        this.smtpPort = smtp.getSmtp().getPort();
        this.providers = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40)
                .extensions(flaky));
        providers.start();
    }

    /** Empty schemas, a fresh broker with the topics, SMTP and HTTP providers that accept everything. */
    static LedgerSystem start() {
        dropServiceSchemas();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 12);
        kafka.brokerProperty("auto.create.topics.enable", "false");
        kafka.afterPropertiesSet();
        kafka.addTopics(topics());
        return withProviders(kafka, null);
    }

    /** As {@link #start()}, but the broker runs as a process of its own that {@link #kafka()} can kill and restart. */
    static LedgerSystem startWithBrokerProcess() {
        dropServiceSchemas();
        KafkaProcess kafka = KafkaProcess.start(ServiceProcess.logDirectory());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(topics())).all().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            kafka.close();
            throw new IllegalStateException("cannot create the topics", e);
        }
        return withProviders(null, kafka);
    }

    private static NewTopic[] topics() {
        return new NewTopic[] {new NewTopic(EVENTS_TOPIC, 12, (short) 1), new NewTopic(DLQ_TOPIC, 3, (short) 1)};
    }

    private static LedgerSystem withProviders(EmbeddedKafkaKraftBroker kafka, KafkaProcess kafkaProcess) {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        LedgerSystem system = new LedgerSystem(kafka, kafkaProcess, smtp);
        system.acceptAllProviderCalls();
        return system;
    }

    /**
     * A fresh topic starts at offset 0: tracking tokens of an earlier run must not survive, so the services' schemas
     * go (Flyway creates them again when the services start).
     */
    static void dropServiceSchemas() {
        try (Connection connection = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists command_side, query_side, notification_saga, ledger_keys cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach " + DB_URL + " as " + DB_USER
                    + " (scripts/ledger db-up creates the database)", e);
        }
    }

    // --- the services --------------------------------------------------------------------------------------

    ServiceProcess startCommandSide(String name) {
        return started(ServiceProcess.start(name, "command-side", freePort(), environment(name), List.of()));
    }

    ServiceProcess startQuerySide(String name) {
        return started(ServiceProcess.start(name, "query-side", freePort(), environment(name),
                List.of("--ledger.instance-id=" + name)));
    }

    /**
     * Email over SMTP to GreenMail, SMS and push over HTTP to WireMock. Retries as in production (exponential) but
     * short — 3 attempts, 200 ms → 800 ms instead of 6 attempts, 1 s → 16 s — so a failure is final in about a
     * second; circuit breakers judge only after 100 calls, so the failures one test provokes never open a circuit
     * for the next.
     */
    ServiceProcess startNotificationSaga(String name, String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "--ledger.notifications.instance-id=" + name,
                "--ledger.notifications.email.type=smtp",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--ledger.notifications.sms.type=http",
                "--ledger.notifications.sms.url=" + providers.baseUrl() + "/sms",
                "--ledger.notifications.push.type=http",
                "--ledger.notifications.push.url=" + providers.baseUrl() + "/push"));
        for (String channel : List.of("email", "sms", "push")) {
            String resilience = "--ledger.notifications." + channel + ".resilience.";
            properties.addAll(List.of(resilience + "max-attempts=3", resilience + "initial-wait=200ms",
                    resilience + "max-wait=800ms", resilience + "minimum-number-of-calls=100"));
        }
        properties.addAll(List.of(moreProperties));
        return started(ServiceProcess.start(name, "notification-saga", freePort(), environment(name), properties));
    }

    /**
     * The web console (profile dev: its sign-in page mints tokens with this run's secret), talking to the given
     * services over their HTTP APIs only.
     */
    ServiceProcess startConsole(String name, ServiceProcess commands, ServiceProcess query,
                                ServiceProcess notifications) {
        return started(ServiceProcess.start(name, "console", freePort(), Map.of("SPRING_PROFILES_ACTIVE", "dev",
                "LEDGER_JWT_SECRET", JWT_SECRET), List.of(
                "--ledger.console.command-url=http://localhost:" + commands.port(),
                "--ledger.console.query-url=http://localhost:" + query.port(),
                "--ledger.console.notification-url=http://localhost:" + notifications.port())));
    }

    private Map<String, String> environment(String name) {
        return Map.of("SPRING_PROFILES_ACTIVE", "dev",
                "LEDGER_DB_URL", DB_URL,
                "LEDGER_DB_USER", DB_USER,
                "LEDGER_DB_PASSWORD", DB_PASSWORD,
                // Five services share PostgreSQL's 100 connections with other test runs on this machine.
                "LEDGER_DB_POOL", "10",
                "LEDGER_KAFKA_BOOTSTRAP", kafkaBootstrap(),
                "LEDGER_JWT_SECRET", JWT_SECRET);
    }

    /** Starts a service again after it stopped or was killed: same port and settings ({@link ServiceProcess#restart}). */
    ServiceProcess restart(ServiceProcess service, String suffix) {
        return started(service.restart(suffix));
    }

    private ServiceProcess started(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    /** Waits for all of them; they start in parallel. */
    static void awaitUp(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            service.awaitUp(START_TIMEOUT);
        }
    }

    // --- providers -----------------------------------------------------------------------------------------

    WireMockServer providers() {
        return providers;
    }

    /** SMS and push providers that accept everything; tests add their own, more specific stubs on top. */
    void acceptAllProviderCalls() {
        failProviderCalls(0);
    }

    /**
     * SMS and push providers that answer a share of the calls (chosen at random) 503, the rest as usual; 0 accepts
     * every call. Forgets the stubs tests added and the requests received.
     */
    void failProviderCalls(double share) {
        flaky.failing(share);
        providers.resetAll();
        providers.stubFor(post(urlEqualTo("/sms")).atPriority(10).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sms-accepted\"}")
                .withTransformers(FlakyProviders.NAME)));
        providers.stubFor(post(urlEqualTo("/push")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"push-accepted\"}")
                .withTransformers(FlakyProviders.NAME)));
    }

    List<LoggedRequest> smsTo(String phone) {
        return providers.findAll(postRequestedFor(urlEqualTo("/sms")).withRequestBody(containing("\"" + phone + "\"")));
    }

    List<LoggedRequest> pushTo(String token) {
        return providers.findAll(postRequestedFor(urlEqualTo("/push")).withRequestBody(containing("\"" + token + "\"")));
    }

    /** The SMTP server goes away: connections are refused. */
    void stopSmtp() {
        smtp.stop();
    }

    /** The SMTP server is back on the same port (with an empty mailbox). */
    void restartSmtp() {
        smtp.stop();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The subjects of the mails the SMTP server received for an address, in arrival order. */
    List<String> mailSubjectsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> sentTo(mail, address))
                .map(LedgerSystem::subject).toList();
    }

    /** Every mail the SMTP server received since it last started. */
    List<MimeMessage> mails() {
        return List.of(smtp.getReceivedMessages());
    }

    List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> sentTo(mail, address)).toList();
    }

    private static boolean sentTo(MimeMessage mail, String address) {
        try {
            Address[] to = mail.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- Kafka and PostgreSQL ------------------------------------------------------------------------------

    String kafkaBootstrap() {
        return kafka != null ? kafka.getBrokersAsString() : kafkaProcess.bootstrap();
    }

    /** The broker process of {@link #startWithBrokerProcess()}. */
    KafkaProcess kafka() {
        if (kafkaProcess == null) {
            throw new IllegalStateException("this system runs the embedded broker");
        }
        return kafkaProcess;
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
    }

    /** Stops every service still running (SIGTERM, then SIGKILL after 30 s), the providers and the broker. */
    @Override
    public void close() {
        processes.parallelStream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::stop);
        providers.stop();
        smtp.stop();
        if (kafka != null) {
            kafka.destroy();
        } else {
            kafkaProcess.close();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
