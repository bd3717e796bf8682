package com.leaveledger.bench.query;

import com.leaveledger.bench.KafkaEvents;
import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;

/**
 * Writes a synthetic but well-formed ledger history onto a topic, in the command side's record format (the
 * converter, headers, key = employee id): employees register, get ANNUAL and SICK days, then take turns submitting
 * one-day requests, of which 70% are approved, 10% rejected, 10% approved then cancelled and 10% stay pending. Every
 * request emits the same events the command side's handlers emit. About four events per request; employees take
 * turns so one employee's events are spread over the whole history, as in production.
 */
final class LedgerHistory implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final DefaultKafkaMessageConverter converter;
    private final String topic;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Random random = new Random(42);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long clock = Instant.parse("2027-01-04T08:00:00Z").toEpochMilli();

    LedgerHistory(String bootstrap, String topic) {
        producer = KafkaEvents.producer(bootstrap, 10, 256 * 1024, 128L * 1024 * 1024);
        converter = KafkaEvents.converter();
        this.topic = topic;
    }

    /** Publishes about {@code events} events for {@code employees} employees; returns how many were sent. */
    long publish(long events, int employees, int managers, String prefix) {
        for (int m = 0; m < managers; m++) {
            emit("Employee", manager(prefix, m), register(manager(prefix, m), null), "hr");
        }
        for (int e = 0; e < employees; e++) {
            String employee = employee(prefix, e);
            emit("Employee", employee, register(employee, manager(prefix, e % managers)), "hr");
            grant(employee, LeaveType.ANNUAL, "300.0");
            grant(employee, LeaveType.SICK, "30.0");
        }
        LocalDate[] nextDay = new LocalDate[employees];
        for (int round = 0; sent.get() < events; round++) {
            for (int e = 0; e < employees && sent.get() < events; e++) {
                String employee = employee(prefix, e);
                String manager = manager(prefix, e % managers);
                nextDay[e] = nextWorkingDay(nextDay[e] == null ? LocalDate.of(2027, 1, 4) : nextDay[e].plusDays(1));
                request(employee, manager, nextDay[e], random.nextInt(10));
            }
            if (failure.get() != null) {
                throw new IllegalStateException("publishing failed", failure.get());
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
        return sent.get();
    }

    private void request(String employee, String manager, LocalDate day, int dice) {
        LeaveType type = dice == 9 ? LeaveType.SICK : LeaveType.ANNUAL;
        LeaveRequestId id = LeaveRequestId.of(UUID.randomUUID().toString());
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, day.getYear());
        BigDecimal days = new BigDecimal("1.0");
        emit("LeaveRequest", id.value(), new LeaveRequestedEvent(id, EmployeeId.of(employee), EmployeeId.of(manager),
                type, day, day, false, false, days, List.of(new YearShare(day.getYear(), days)), "bench", List.of(Approver.MANAGER)), employee);
        emit("LeaveAccount", account.asString(), new DaysReservedEvent(account, id, days), employee);
        if (dice < 7 || dice == 8) {
            emit("LeaveRequest", id.value(), new LeaveApprovedEvent(id, EmployeeId.of(employee),
                    EmployeeId.of(manager), "ok"), manager);
            emit("LeaveAccount", account.asString(), new DaysDeductedEvent(account, id, days), manager);
            if (dice == 8) {
                emit("LeaveRequest", id.value(), new LeaveCancelledEvent(id, EmployeeId.of(employee),
                        EmployeeId.of(employee), LeaveRequestStatus.APPROVED, "changed plans"), employee);
                emit("LeaveAccount", account.asString(), new DaysRestoredEvent(account, id, days), employee);
            }
        } else if (dice == 7) {
            emit("LeaveRequest", id.value(), new LeaveRejectedEvent(id, EmployeeId.of(employee),
                    EmployeeId.of(manager), "busy"), manager);
            emit("LeaveAccount", account.asString(), new ReservationReleasedEvent(account, id, days), manager);
        }
    }

    private void grant(String employee, LeaveType type, String days) {
        LeaveAccountId account = new LeaveAccountId(EmployeeId.of(employee), type, 2027);
        emit("LeaveAccount", account.asString(), new EntitlementGrantedEvent(account, new BigDecimal(days), "bench"),
                "hr");
    }

    private static EmployeeRegisteredEvent register(String id, String manager) {
        return new EmployeeRegisteredEvent(EmployeeId.of(id), "Name " + id, id + "@example.com", "+4930123456",
                "push-" + id, manager == null ? null : EmployeeId.of(manager), "DE", "BE", Set.of(Channel.EMAIL));
    }

    private void emit(String aggregateType, String aggregateId, Object payload, String actor) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        clock += 3;
        Map<String, Object> metadata = Map.of(MetadataKeys.ACTOR, actor,
                MetadataKeys.CORRELATION_ID, "bench-" + sent.get(), MetadataKeys.CAUSATION_ID, "bench-cmd-" + sent.get());
        GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                payload, metadata, UUID.randomUUID().toString(), Instant.ofEpochMilli(clock));
        producer.send(converter.createKafkaMessage(event, topic), (metadataOut, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent.incrementAndGet();
    }

    private static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate candidate = day;
        while (candidate.getDayOfWeek() == DayOfWeek.SATURDAY || candidate.getDayOfWeek() == DayOfWeek.SUNDAY) {
            candidate = candidate.plusDays(1);
        }
        return candidate;
    }

    static String employee(String prefix, int index) {
        return String.format("%s-e-%06d", prefix, index);
    }

    static String manager(String prefix, int index) {
        return String.format("%s-m-%04d", prefix, index);
    }

    @Override
    public void close() {
        producer.close();
    }
}
