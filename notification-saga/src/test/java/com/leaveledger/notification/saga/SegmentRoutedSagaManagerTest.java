package com.leaveledger.notification.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.SendNotificationCommand;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routed saga manager (docs/adr/0023): each event reaches exactly one of the processor's segments, the one its
 * saga is created in and lives in; Axon's own manager hands it to every segment.
 */
class SegmentRoutedSagaManagerTest {

    private static final List<Segment> EIGHT = Segment.splitBalanced(Segment.ROOT_SEGMENT, 7);

    private final InMemorySagaStore store = new InMemorySagaStore();
    private final List<SendNotificationCommand> sent = new ArrayList<>();
    private SegmentRoutedSagaManager<LeaveNotificationSaga> manager;

    @BeforeEach
    void setUp() {
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(SendNotificationCommand.class.getName(), command -> {
            sent.add((SendNotificationCommand) command.getPayload());
            return null;
        });
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
        StubDeadlineManager deadlines = new StubDeadlineManager();
        AnnotatedSagaRepository<LeaveNotificationSaga> repository = AnnotatedSagaRepository
                .<LeaveNotificationSaga>builder()
                .sagaType(LeaveNotificationSaga.class)
                .sagaStore(store)
                .resourceInjector(saga -> {
                    ((LeaveNotificationSaga) saga).setCommandGateway(gateway);
                    ((LeaveNotificationSaga) saga).setDeadlineManager(deadlines);
                })
                .build();
        manager = new SegmentRoutedSagaManager<>(AnnotatedSagaManager.<LeaveNotificationSaga>builder()
                .sagaType(LeaveNotificationSaga.class)
                .sagaRepository(repository));
    }

    @Test
    void everyEventOfARequestReachesOnlyTheSegmentOfItsAssociationValue() {
        assertThat(EIGHT).hasSize(8);
        for (int i = 0; i < 500; i++) {
            String request = UUID.randomUUID().toString();
            Segment expected = EIGHT.stream()
                    .filter(s -> s.matches(new AssociationValue(LeaveNotificationSaga.ASSOCIATION, request)))
                    .findFirst().orElseThrow();
            for (EventMessage<?> event : List.of(requested(request), approved(request))) {
                assertThat(EIGHT.stream().filter(s -> manager.canHandle(event, s)).toList())
                        .as("segments taking %s", event.getPayloadType().getSimpleName())
                        .containsExactly(expected);
                assertThat(manager.canHandle(event, Segment.ROOT_SEGMENT)).as("a redelivery (root segment)").isTrue();
            }
        }
    }

    @Test
    void eventsTheSagaDoesNotHandleReachNoSegment() {
        EventMessage<?> other = GenericEventMessage.asEventMessage("not a leave event");
        assertThat(EIGHT).noneMatch(s -> manager.canHandle(other, s));
    }

    @Test
    void aSagaStartsInTheSegmentTheEventWasRoutedToAndItsLaterEventsFindItThere() throws Exception {
        String request = UUID.randomUUID().toString();
        Segment routed = EIGHT.stream().filter(s -> manager.canHandle(requested(request), s)).findFirst().orElseThrow();

        handle(requested(request), routed);
        Set<String> sagas = store.findSagas(LeaveNotificationSaga.class,
                new AssociationValue(LeaveNotificationSaga.ASSOCIATION, request));
        assertThat(sagas).hasSize(1);
        assertThat(routed.matches(sagas.iterator().next())).as("the saga's id lies in the routed segment").isTrue();
        assertThat(sent).extracting(c -> c.recipientId()).containsOnly("m-" + request);

        sent.clear();
        assertThat(manager.canHandle(approved(request), routed)).isTrue();
        handle(approved(request), routed);
        assertThat(sent).as("the approval reached the saga: the employee is told")
                .extracting(c -> c.recipientId()).containsOnly("e-" + request);
        assertThat(store.findSagas(LeaveNotificationSaga.class,
                new AssociationValue(LeaveNotificationSaga.ASSOCIATION, request))).isEqualTo(sagas);
    }

    private void handle(EventMessage<?> event, Segment segment) throws Exception {
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
            manager.handle(event, segment);
            return null;
        });
    }

    private static EventMessage<?> requested(String request) {
        return GenericEventMessage.asEventMessage(new LeaveRequestedEvent(LeaveRequestId.of(request),
                EmployeeId.of("e-" + request), EmployeeId.of("m-" + request), LeaveType.ANNUAL,
                LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 7), false, false, new BigDecimal("5.0"),
                List.of(new YearShare(2031, new BigDecimal("5.0"))), "skiing", List.of(Approver.MANAGER)));
    }

    private static EventMessage<?> approved(String request) {
        return GenericEventMessage.asEventMessage(new LeaveApprovedEvent(LeaveRequestId.of(request),
                EmployeeId.of("e-" + request), EmployeeId.of("m-" + request), "enjoy"));
    }
}
