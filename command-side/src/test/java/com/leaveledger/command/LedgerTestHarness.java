package com.leaveledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.JollydayHolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.command.employee.Employee;
import com.leaveledger.command.employee.EmployeeCommandHandler;
import com.leaveledger.command.leaveaccount.LeaveAccount;
import com.leaveledger.command.leaveaccount.LeaveAccountCommandHandler;
import com.leaveledger.command.leaverequest.LeaveRequest;
import com.leaveledger.command.leaverequest.LeaveRequestCommandHandler;
import com.leaveledger.command.leaverequest.PeriodRegistry;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Given commands → when a command → expect events or a refused rule, on a real (in-memory) Axon configuration
 * holding all three aggregates. The command side's handlers change several aggregates in one unit of work (a
 * request and the accounts it draws from), which Axon's AggregateTestFixture cannot host: it allows one aggregate
 * instance per fixture (see docs/adr/0002).
 */
public final class LedgerTestHarness {

    /** "Today" for every domain test: before all leave in the tests starts. */
    public static final LocalDate TODAY = LocalDate.of(2027, 1, 15);

    private final Configuration config;
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final InMemoryPeriods periods = new InMemoryPeriods();
    private final Set<EmployeeId> erasedKeys = new HashSet<>();
    private final DayClock clock = new DayClock();

    public LedgerTestHarness() {
        this(TODAY);
    }

    public LedgerTestHarness(LocalDate today) {
        this(today, LeavePolicyConfiguration.defaults());
    }

    /** A harness on {@code today} under {@code policies} (a test of one configured rule). */
    public LedgerTestHarness(LocalDate today, LeavePolicies policies) {
        clock.today = today;
        GenericEventMessage.clock = clock;
        JollydayHolidayCalendar holidays = new JollydayHolidayCalendar();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
        config = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Employee.class)
                .configureAggregate(LeaveAccount.class)
                .configureAggregate(LeaveRequest.class)
                .registerCommandHandler(c -> new EmployeeCommandHandler(c.repository(Employee.class),
                        id -> c.eventStore().lastSequenceNumberFor(id).isPresent(), holidays, erasedKeys::add, clock))
                .registerCommandHandler(c -> new LeaveAccountCommandHandler(c.repository(LeaveAccount.class),
                        c.repository(Employee.class), policies, clock))
                .registerCommandHandler(c -> new LeaveRequestCommandHandler(c.repository(LeaveRequest.class),
                        c.repository(LeaveAccount.class), c.repository(Employee.class), periods,
                        new WorkingDays(holidays, CalendarConfiguration.defaultWorkingWeeks()), policies, clock))
                .buildConfiguration();
        config.start();
        config.eventBus().subscribe(recorded::addAll);
    }

    public LedgerTestHarness given(Object... commands) {
        for (Object command : commands) {
            send(command, "hr");
        }
        return this;
    }

    public <R> R send(Object command, String actor) {
        CommandGateway gateway = config.commandGateway();
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(MetadataKeys.ACTOR, actor)));
    }

    /** Sends the command and returns the payloads of the events it stored, in order. */
    public List<Object> when(Object command, String actor) {
        int before = recorded.size();
        send(command, actor);
        return recorded.subList(before, recorded.size()).stream().map(EventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    /** Asserts the command is refused with the rule, and that it stored nothing. */
    public RuleViolation expectRefusal(Object command, String actor, String rule) {
        int before = recorded.size();
        Map<String, Object> bookedBefore = new HashMap<>(periods.booked);
        RuleViolation[] caught = new RuleViolation[1];
        assertThatThrownBy(() -> send(command, actor)).isInstanceOfSatisfying(RuleViolation.class, v -> {
            caught[0] = v;
            assertThat(v.rule()).as(v.getMessage()).isEqualTo(rule);
        });
        assertThat(recorded).as("events stored by a refused command").hasSize(before);
        assertThat(periods.booked).as("periods booked by a refused command").isEqualTo(bookedBefore);
        return caught[0];
    }

    /** Whether the handler destroyed this employee's data key. */
    public boolean keyDestroyed(EmployeeId id) {
        return erasedKeys.contains(id);
    }

    public boolean isBooked(LeaveRequestId id) {
        return periods.booked.containsKey(id.value());
    }

    /** Moves "today" on (a request waiting for days); the events stored from now on carry that day too. */
    public LedgerTestHarness advanceTo(LocalDate today) {
        clock.today = today;
        return this;
    }

    public void shutdown() {
        config.shutdown();
        GenericEventMessage.clock = Clock.systemUTC();
    }

    /** Midday of the harness's "today", in UTC: for the command handlers and for the events' timestamps. */
    private static final class DayClock extends Clock {

        private volatile LocalDate today;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        }
    }

    /** The overlap rule's store, in memory, undone when the unit of work rolls back like the real table. */
    private static final class InMemoryPeriods implements PeriodRegistry {

        private record Booking(EmployeeId employee, LocalDate start, LocalDate end) {
        }

        private final Map<String, Object> booked = new HashMap<>();

        @Override
        public synchronized void book(EmployeeId employee, LeaveRequestId request, LocalDate start, LocalDate end) {
            for (Object value : booked.values()) {
                Booking b = (Booking) value;
                if (b.employee().equals(employee) && !b.start().isAfter(end) && !start.isAfter(b.end())) {
                    throw RuleViolation.conflict("overlapping-request", "overlaps");
                }
            }
            booked.put(request.value(), new Booking(employee, start, end));
            CurrentUnitOfWork.get().onRollback(u -> booked.remove(request.value()));
        }

        @Override
        public synchronized void release(LeaveRequestId request) {
            Object previous = booked.remove(request.value());
            CurrentUnitOfWork.get().onRollback(u -> {
                if (previous != null) {
                    booked.put(request.value(), previous);
                }
            });
        }
    }
}
