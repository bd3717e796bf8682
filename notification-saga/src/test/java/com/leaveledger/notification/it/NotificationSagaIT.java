package com.leaveledger.notification.it;

import com.leaveledger.support.testing.ServiceIT;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.Topics;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.DeliveryIds;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the notification saga's integration tests: the real application on a random port against the real
 * PostgreSQL (database {@code leave_ledger_test}, schema notification_saga cleaned once per run), a real Kafka
 * broker (embedded KRaft), GreenMail as SMTP server and WireMock as SMS and push provider. Every subclass shares
 * one Spring context and the two provider servers. Input events are produced onto {@code leave-ledger.events}
 * exactly as the command side does: a plain KafkaProducer with axon-kafka's DefaultKafkaMessageConverter and the
 * Jackson serializer, keyed by employee. Tests never share data: ids carry a per-test prefix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axon.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ledger.notifications.hr-contact.employee-id=" + NotificationSagaIT.HR_CONTACT
})
@EmbeddedKafka(kraft = true, count = 1, partitions = 12, topics = {Topics.EVENTS, Topics.NOTIFICATIONS_DLQ})
@ActiveProfiles({"dev", "it"})
@AutoConfigureObservability
@Import(NotificationSagaIT.CleanSchema.class)
public abstract class NotificationSagaIT extends ServiceIT {

    /** The HR contact ({@code ledger.notifications.hr-contact.employee-id}), told of and reminded of HR levels. */
    protected static final String HR_CONTACT = "it-hr-contact";

    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            .dynamicPort());
    protected static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static int smtpPort;

    static {
        SMTP.start();
        smtpPort = SMTP.getSmtp().getPort();
        PROVIDER.start();
        stubProvidersAccepting();
    }

    /** SMS and push providers that accept everything; tests add failing stubs for their own numbers. */
    protected static void stubProvidersAccepting() {
        PROVIDER.stubFor(post(urlEqualTo("/sms")).atPriority(10)
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"sms-1\"}")));
        PROVIDER.stubFor(post(urlEqualTo("/push")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"push-1\"}")));
    }

    /** Restarts the SMTP server on the same port (after a test took it down to simulate an outage). */
    protected static void restartSmtp() {
        SMTP.stop();
        GreenMail restarted = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        restarted.start();
        REPLACED_SMTP[0] = restarted;
    }

    private static final GreenMail[] REPLACED_SMTP = {null};

    protected static GreenMail smtp() {
        return REPLACED_SMTP[0] != null ? REPLACED_SMTP[0] : SMTP;
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        registry.add("ledger.notifications.sms.url", () -> PROVIDER.baseUrl() + "/sms");
        registry.add("ledger.notifications.push.url", () -> PROVIDER.baseUrl() + "/push");
    }

    /**
     * Each run starts with an empty schema: the embedded broker's offsets start at 0 again. The employees' data keys
     * live in the command side's schema {@code ledger_keys} (its migration V8), which this service reads. On a test
     * database the command side has not migrated yet, the table is created here as V8 creates it, and dropped again
     * when the context closes, so that V8 still finds no table when the command side's tests run later.
     */
    @TestConfiguration
    static class CleanSchema {

        private static final AtomicBoolean KEY_TABLE_CREATED = new AtomicBoolean();

        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
                createKeyTable(new JdbcTemplate(flyway.getConfiguration().getDataSource()));
            };
        }

        @Bean
        DisposableBean dropKeyTableCreatedHere(JdbcTemplate jdbc) {
            return () -> {
                if (KEY_TABLE_CREATED.getAndSet(false)) {
                    // the schema stays: V8 creates it only if missing
                    jdbc.execute("drop table ledger_keys.data_key");
                }
            };
        }

        private static void createKeyTable(JdbcTemplate jdbc) {
            if (jdbc.queryForObject("select to_regclass('ledger_keys.data_key') is not null", Boolean.class)) {
                return;
            }
            try {
                jdbc.execute(Files.readString(Path.of("../command-side/src/main/resources/db/migration/"
                        + "V8__personal_data_keys.sql")));
                KEY_TABLE_CREATED.set(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    private static Producer<String, byte[]> producer;


    @AfterEach
    void providersBackToNormal() {
        PROVIDER.resetMappings();
        stubProvidersAccepting();
    }

    // --- input events ---------------------------------------------------------------------------------------

    /** Publishes an event as the command side does; answers its event id. */
    protected String publish(LedgerEvent payload, String aggregateType, String aggregateId, long sequence) {
        return publish(UUID.randomUUID().toString(), payload, aggregateType, aggregateId, sequence);
    }

    protected synchronized String publish(String eventId, LedgerEvent payload, String aggregateType,
                                          String aggregateId, long sequence) {
        return publish(eventId, payload, aggregateType, aggregateId, sequence, LedgerObjectMapper.create());
    }

    /** Publishes an event serialized with {@code mapper} (one that encrypts personal data, as the command side). */
    protected synchronized String publish(String eventId, LedgerEvent payload, String aggregateType,
                                          String aggregateId, long sequence, ObjectMapper mapper) {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config);
        }
        DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(mapper).build())
                .sequencingPolicy(event -> ((LedgerEvent) event.getPayload()).employeeId().value())
                .build();
        MetaData metadata = MetaData.with("actor", payload.employeeId().value())
                .and("correlationId", "corr-" + eventId)
                .and("causationId", "cmd-" + eventId)
                .and("traceparent", traceparentOf(eventId));
        GenericDomainEventMessage<LedgerEvent> message = new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequence, payload, metadata, eventId, Instant.now());
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, Topics.EVENTS);
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + eventId, e);
        }
        return eventId;
    }

    /**
     * The W3C trace context the command side would have written into the event's metadata: a trace id derived from
     * the event id (so a test knows the trace its notifications must join), the command's span id, sampled.
     */
    protected static String traceparentOf(String eventId) {
        return "00-" + traceIdOf(eventId) + "-" + traceIdOf("span-" + eventId).substring(0, 16) + "-01";
    }

    protected static String traceIdOf(String eventId) {
        return UUID.nameUUIDFromBytes(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    /** Registers {@code manager}, then {@code employee} reporting to them. */
    protected void registerTeam(String manager, String employee) {
        register(manager, null);
        register(employee, manager);
    }

    protected void register(String employee, String manager) {
        register(employee, manager, email(employee), phone(employee), "push-" + employee, EnumSet.allOf(Channel.class));
    }

    protected void register(String employee, String manager, String email, String phone, String pushToken,
                            Set<Channel> channels) {
        publish(new EmployeeRegisteredEvent(EmployeeId.of(employee), "Name " + employee, email, phone, pushToken,
                manager == null ? null : EmployeeId.of(manager), "DE", "BE", channels), "Employee", employee, 0);
    }

    protected String requested(String request, String employee, String manager) {
        return requested(request, employee, manager, LocalDate.of(2031, 3, 3));
    }

    /** A five-day request from {@code start}. */
    protected String requested(String request, String employee, String manager, LocalDate start) {
        return publish(new LeaveRequestedEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                EmployeeId.of(manager), LeaveType.ANNUAL, start, start.plusDays(4),
                false, false, new BigDecimal("5.0"), List.of(new YearShare(start.getYear(), new BigDecimal("5.0"))),
                "skiing", List.of(Approver.MANAGER)), "LeaveRequest", request, 0);
    }

    protected String approved(String request, String employee, String manager) {
        return publish(new LeaveApprovedEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                EmployeeId.of(manager), "enjoy"), "LeaveRequest", request, 1);
    }

    protected String rejected(String request, String employee, String manager) {
        return publish(new LeaveRejectedEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                EmployeeId.of(manager), "busy"), "LeaveRequest", request, 1);
    }

    protected String cancelled(String request, String employee, LeaveRequestStatus previous, long sequence) {
        return publish(new LeaveCancelledEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                EmployeeId.of(employee), previous, "plans changed"), "LeaveRequest", request, sequence);
    }

    protected String email(String employee) {
        return employee + "@example.com";
    }

    protected String phone(String employee) {
        return "+49-" + employee;
    }

    // --- what the providers received ------------------------------------------------------------------------

    protected List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp().getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected List<LoggedRequest> smsTo(String phone) {
        return PROVIDER.findAll(postRequestedFor(urlEqualTo("/sms")).withRequestBody(containing("\"" + phone + "\"")));
    }

    protected List<LoggedRequest> pushTo(String token) {
        return PROVIDER.findAll(postRequestedFor(urlEqualTo("/push")).withRequestBody(containing("\"" + token + "\"")));
    }

    protected static String body(LoggedRequest request) {
        return new String(request.getBody(), StandardCharsets.UTF_8);
    }

    // --- the service's own records --------------------------------------------------------------------------

    protected String status(String sourceEventId, Channel channel, String recipient) {
        List<String> found = jdbc.queryForList("select status from delivery where delivery_id = ?", String.class,
                DeliveryIds.of(sourceEventId, channel, recipient));
        return found.isEmpty() ? null : found.get(0);
    }

    protected int deliveries(String leaveRequestId) {
        return jdbc.queryForObject("select count(*) from delivery where leave_request_id = ?", Integer.class,
                leaveRequestId);
    }

    /** Entries of the delivery outcome log of a type, for a leave request or mentioning {@code key}. */
    protected int deliveryEvents(String type, String key) {
        return jdbc.queryForObject("select count(*) from delivery_event where type = ? and (leave_request_id = ? "
                + "or payload like ?)", Integer.class, type, key, "%" + key + "%");
    }

    protected int storedEvents(String payloadTypeSuffix, String containing) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ? "
                + "and convert_from(payload, 'UTF8') like ?", Integer.class, "%" + payloadTypeSuffix,
                "%" + containing + "%");
    }

    /** Every record on the dead-letter topic so far. */
    protected List<ConsumerRecord<String, String>> dlqRecords() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    // --- HTTP -----------------------------------------------------------------------------------------------

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    protected static Duration patience() {
        return Duration.ofSeconds(30);
    }

    /** Waits until {@code count} deliveries of the leave request are SENT. */
    protected void awaitSent(String leaveRequestId, int count) {
        await().atMost(patience()).untilAsserted(() -> assertThat(jdbc.queryForObject("select count(*) from delivery "
                + "where leave_request_id = ? and status = 'SENT'", Integer.class, leaveRequestId)).isEqualTo(count));
    }

    protected static Map<String, Object> row(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.queryForMap(sql, args);
    }
}
