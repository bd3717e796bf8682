package com.leaveledger.query.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.Topics;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.BalanceCarriedForwardEvent;
import com.leaveledger.kernel.leaveaccount.CarriedDaysExpiredEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.DaysAccruedEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.employee.ApprovalsDelegatedEvent;
import com.leaveledger.kernel.employee.DelegationRevokedEvent;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.query.projection.EmployeeSequencingPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Publishes ledger events onto the topic the way the command side does — axon-kafka's DefaultKafkaMessageConverter
 * with the Jackson serializer, keyed by employee id, with id, type, revision, timestamp, aggregate and metadata
 * headers — and keeps what the ledger should say (the balances, per account) to compare read models with. The event
 * sequences mirror the command side's handlers: submit = LeaveRequested + DaysReserved, approve = LeaveApproved +
 * DaysDeducted, and so on.
 */
public final class TestLedger implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final DefaultKafkaMessageConverter converter;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Request> requests = new HashMap<>();
    private final Map<String, BigDecimal[]> balances = new TreeMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();
    private Instant clock;
    private String correlationId;

    public TestLedger(String bootstrapServers) {
        this(bootstrapServers, LedgerObjectMapper.create());
    }

    /** A ledger whose events are serialized by {@code events} (e.g. with personal data encrypted). */
    public TestLedger(String bootstrapServers, ObjectMapper events) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config);
        converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(events).build())
                .sequencingPolicy(new EmployeeSequencingPolicy())
                .upcasterChain(new EventUpcasterChain())
                .build();
    }

    /** Events from now on carry this timestamp (null: the current time). */
    public TestLedger at(Instant instant) {
        this.clock = instant;
        return this;
    }

    public void register(String employee, String manager) {
        register(employee, manager, "DE", "BE");
    }

    public void register(String employee, String manager, String country, String subdivision) {
        publish("Employee", employee, new EmployeeRegisteredEvent(EmployeeId.of(employee), "Name " + employee,
                employee + "@example.com", "+4930123456", "push-" + employee,
                manager == null ? null : EmployeeId.of(manager), country, subdivision, Set.of(Channel.EMAIL)), "hr");
    }

    public void grant(String employee, LeaveType type, int year, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, year);
        publishAccount(account, new EntitlementGrantedEvent(account, new BigDecimal(days), "contract"), "hr");
    }

    public void carryOver(String employee, LeaveType type, int year, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, year);
        publishAccount(account, new CarriedOverEvent(account, new BigDecimal(days), year - 1, "carry"), "hr");
    }

    public void accrue(String employee, LeaveType type, YearMonth month, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, month.getYear());
        publishAccount(account, new DaysAccruedEvent(account, new BigDecimal(days), month), "ledger-scheduler");
    }

    /** The year-end carry-over of {@code days} from {@code year} into the next year, lapsing after 31 March. */
    public void carryForward(String employee, LeaveType type, int year, String days) {
        LeaveAccountId from = new LeaveAccountId(EmployeeId.of(employee), type, year);
        LeaveAccountId to = new LeaveAccountId(EmployeeId.of(employee), type, year + 1);
        publishAccount(from, new BalanceCarriedForwardEvent(from, new BigDecimal(days), year + 1), "hr");
        publishAccount(to, new CarriedOverEvent(to, new BigDecimal(days), year, "year-end carry-over from " + year,
                LocalDate.of(year + 1, 3, 31)), "hr");
    }

    public void expireCarried(String employee, LeaveType type, int year, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, year);
        publishAccount(account, new CarriedDaysExpiredEvent(account, new BigDecimal(days), LocalDate.of(year, 3, 31)),
                "ledger-scheduler");
    }

    public void adjust(String employee, LeaveType type, int year, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, year);
        publishAccount(account, new BalanceAdjustedEvent(account, new BigDecimal(days), "correction"), "hr");
    }

    /** A request within one calendar year; {@code days} are its working days. Returns its id. */
    public String submit(String employee, String manager, LeaveType type, LocalDate start, LocalDate end,
                         String days) {
        return submit(employee, manager, type, start, end, false, false, days);
    }

    public String submit(String employee, String manager, LeaveType type, LocalDate start, LocalDate end,
                         boolean halfDayStart, boolean halfDayEnd, String days) {
        return submit(employee, manager, type, start, end, halfDayStart, halfDayEnd, days, "holiday");
    }

    public String submit(String employee, String manager, LeaveType type, LocalDate start, LocalDate end,
                         boolean halfDayStart, boolean halfDayEnd, String days, String reason) {
        return submit(employee, manager, type, start, end, halfDayStart, halfDayEnd, days, reason,
                List.of(Approver.MANAGER));
    }

    /** A request awaiting {@code approvals}, in order. */
    public String submit(String employee, String manager, LeaveType type, LocalDate start, LocalDate end,
                         boolean halfDayStart, boolean halfDayEnd, String days, String reason,
                         List<Approver> approvals) {
        String id = UUID.randomUUID().toString();
        BigDecimal working = new BigDecimal(days);
        requests.put(id, new Request(employee, type, start.getYear(), working));
        publish("LeaveRequest", id, new LeaveRequestedEvent(LeaveRequestId.of(id), EmployeeId.of(employee),
                manager == null ? null : EmployeeId.of(manager), type, start, end, halfDayStart, halfDayEnd, working,
                List.of(new YearShare(start.getYear(), working)), reason, approvals), employee);
        LeaveAccountId account = requests.get(id).account();
        publishAccount(account, new DaysReservedEvent(account, LeaveRequestId.of(id), working), employee);
        return id;
    }

    public void approve(String requestId, String manager) {
        approve(requestId, manager, null);
    }

    /** The last level approved by {@code approver}, standing in for {@code onBehalfOf} (null: nobody). */
    public void approve(String requestId, String approver, String onBehalfOf) {
        String manager = approver;
        Request request = requests.get(requestId);
        publish("LeaveRequest", requestId, new LeaveApprovedEvent(LeaveRequestId.of(requestId),
                EmployeeId.of(request.employee()), EmployeeId.of(manager), "enjoy",
                onBehalfOf == null ? null : EmployeeId.of(onBehalfOf)), manager);
        publishAccount(request.account(), new DaysDeductedEvent(request.account(), LeaveRequestId.of(requestId),
                request.days()), manager);
        request.status = LeaveRequestStatus.APPROVED;
    }

    /** Level {@code level} of several approved by {@code approver} (for {@code onBehalfOf}); the next awaits {@code next}. */
    public void approveLevel(String requestId, int level, Approver as, String approver, String onBehalfOf,
                             Approver next) {
        Request request = requests.get(requestId);
        publish("LeaveRequest", requestId, new LeaveLevelApprovedEvent(LeaveRequestId.of(requestId),
                EmployeeId.of(request.employee()), level, as, EmployeeId.of(approver),
                onBehalfOf == null ? null : EmployeeId.of(onBehalfOf), "fine by me", next), approver);
    }

    /** {@code manager} delegates their approvals to {@code delegate} from {@code from} to {@code to}. */
    public String delegate(String manager, String delegate, LocalDate from, LocalDate to) {
        String id = UUID.randomUUID().toString();
        publish("Employee", manager, new ApprovalsDelegatedEvent(EmployeeId.of(manager), id, EmployeeId.of(delegate),
                from, to), manager);
        return id;
    }

    public void revokeDelegation(String manager, String delegationId) {
        publish("Employee", manager, new DelegationRevokedEvent(EmployeeId.of(manager), delegationId), manager);
    }

    public void reject(String requestId, String manager) {
        Request request = requests.get(requestId);
        publish("LeaveRequest", requestId, new LeaveRejectedEvent(LeaveRequestId.of(requestId),
                EmployeeId.of(request.employee()), EmployeeId.of(manager), "busy"), manager);
        publishAccount(request.account(), new ReservationReleasedEvent(request.account(),
                LeaveRequestId.of(requestId), request.days()), manager);
        request.status = LeaveRequestStatus.REJECTED;
    }

    public void cancel(String requestId) {
        Request request = requests.get(requestId);
        LeaveRequestStatus before = request.status;
        publish("LeaveRequest", requestId, new LeaveCancelledEvent(LeaveRequestId.of(requestId),
                EmployeeId.of(request.employee()), EmployeeId.of(request.employee()), before, "plans changed"),
                request.employee());
        if (before == LeaveRequestStatus.APPROVED) {
            publishAccount(request.account(), new DaysRestoredEvent(request.account(), LeaveRequestId.of(requestId),
                    request.days()), request.employee());
        } else {
            publishAccount(request.account(), new ReservationReleasedEvent(request.account(),
                    LeaveRequestId.of(requestId), request.days()), request.employee());
        }
        request.status = LeaveRequestStatus.CANCELLED;
    }

    /** Sends an already published event again (same id, aggregate and sequence): the publisher's at-least-once. */
    public void republish(DomainEventMessage<?> event) {
        send(event);
    }

    public List<DomainEventMessage<?>> published() {
        return List.copyOf(published);
    }

    /** What the ledger says of an account: granted, carried, adjusted, deducted, reserved. */
    public BigDecimal[] balance(String employee, LeaveType type, int year) {
        return balances.get(new LeaveAccountId(EmployeeId.of(employee), type, year).asString());
    }

    public Map<String, BigDecimal[]> balances() {
        return balances;
    }

    public LeaveRequestStatus status(String requestId) {
        return requests.get(requestId).status;
    }

    public TestLedger correlatedBy(String correlation) {
        this.correlationId = correlation;
        return this;
    }

    /** Publishes any payload as an event of the given aggregate (next sequence number). */
    public RecordMetadata publish(String aggregateType, String aggregateId, Object payload, String actor) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR, actor);
        metadata.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : "corr-" + UUID.randomUUID());
        metadata.put(MetadataKeys.CAUSATION_ID, "cmd-" + UUID.randomUUID());
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                metadata, UUID.randomUUID().toString(), clock == null ? Instant.now() : clock);
        published.add(event);
        return send(event);
    }

    /**
     * Publishes an event whose headers say {@code template}'s type and revision but whose body is {@code rawJson}:
     * a payload the query side cannot read.
     */
    public RecordMetadata publishGarbled(String aggregateType, String aggregateId, Object template, String rawJson) {
        return publishRaw(aggregateType, aggregateId, template, rawJson, null);
    }

    /** As {@link #publishGarbled}, and the revision header says {@code revision} (null: the template's). */
    public RecordMetadata publishRaw(String aggregateType, String aggregateId, Object template, String rawJson,
                                     String revision) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, template,
                Map.of(MetadataKeys.ACTOR, "hr"), UUID.randomUUID().toString(), Instant.now());
        ProducerRecord<String, byte[]> valid = converter.createKafkaMessage(event, Topics.EVENTS);
        if (revision != null) {
            valid.headers().remove("axon-message-revision");
            valid.headers().add("axon-message-revision", revision.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ProducerRecord<String, byte[]> garbled = new ProducerRecord<>(valid.topic(), null, valid.key(),
                rawJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), valid.headers());
        try {
            return producer.send(garbled).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publishAccount(LeaveAccountId account, Object payload, String actor) {
        BigDecimal[] b = balances.computeIfAbsent(account.asString(), k -> new BigDecimal[] {
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        if (payload instanceof EntitlementGrantedEvent e) {
            b[0] = b[0].add(e.days());
        } else if (payload instanceof DaysAccruedEvent e) {
            b[0] = b[0].add(e.days());
        } else if (payload instanceof CarriedOverEvent e) {
            b[1] = b[1].add(e.days());
        } else if (payload instanceof BalanceCarriedForwardEvent e) {
            b[1] = b[1].subtract(e.days());
        } else if (payload instanceof CarriedDaysExpiredEvent e) {
            b[1] = b[1].subtract(e.days());
        } else if (payload instanceof BalanceAdjustedEvent e) {
            b[2] = b[2].add(e.days());
        } else if (payload instanceof DaysReservedEvent e) {
            b[4] = b[4].add(e.days());
        } else if (payload instanceof ReservationReleasedEvent e) {
            b[4] = b[4].subtract(e.days());
        } else if (payload instanceof DaysDeductedEvent e) {
            b[3] = b[3].add(e.days());
            b[4] = b[4].subtract(e.days());
        } else if (payload instanceof DaysRestoredEvent e) {
            b[3] = b[3].subtract(e.days());
        }
        publish("LeaveAccount", account.asString(), payload, actor);
    }

    @SuppressWarnings("unchecked")
    private RecordMetadata send(DomainEventMessage<?> event) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, Topics.EVENTS);
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static final class Request {

        private final String employee;
        private final LeaveType type;
        private final int year;
        private final BigDecimal days;
        private LeaveRequestStatus status = LeaveRequestStatus.SUBMITTED;

        private Request(String employee, LeaveType type, int year, BigDecimal days) {
            this.employee = employee;
            this.type = type;
            this.year = year;
            this.days = days;
        }

        String employee() {
            return employee;
        }

        BigDecimal days() {
            return days;
        }

        LeaveAccountId account() {
            return new LeaveAccountId(EmployeeId.of(employee), type, year);
        }
    }
}
