package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replays never send: saga and inbox refuse a reset; the inbox reading the whole topic again forwards nothing;
 * and even the saga reading its whole input again from scratch (tokens and sagas wiped) only finds deliveries
 * that exist already.
 */
class ReplayIT extends NotificationSagaIT {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void replayingTheSagasInputSendsNothingAgain() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        requested(request, employee, manager);
        String approvedId = approved(request, employee, manager);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(approvedId, Channel.SMS, employee)).isEqualTo("SENT");
            assertThat(status(approvedId, Channel.PUSH, employee)).isEqualTo("SENT");
            assertThat(status(approvedId, Channel.EMAIL, employee)).isEqualTo("SENT");
        });
        int sentBefore = sentSoFar(manager, employee);
        int deliveriesBefore = deliveries(request);

        // 1. Resets are refused: Axon sagas do not support them, and the inbox is @DisallowReplay.
        StreamingEventProcessor saga = processor(LeaveNotificationSaga.PROCESSING_GROUP);
        StreamingEventProcessor inbox = processor(LeaveEventInbox.PROCESSING_GROUP);
        for (StreamingEventProcessor processor : java.util.List.of(saga, inbox)) {
            processor.shutDown();
            try {
                assertThatThrownBy(processor::resetTokens).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("do not support a reset");
            } finally {
                processor.start();
            }
            awaitStarted(processor);
        }

        // 2. The inbox reads the whole topic again (its Kafka offsets lost): every event is dropped as known.
        inbox.shutDown();
        try {
            jdbc.update("delete from token_entry where processor_name = ?", LeaveEventInbox.PROCESSING_GROUP);
        } finally {
            inbox.start();
        }
        awaitStarted(inbox);
        awaitCaughtUp(inbox);

        // 3. The saga reads its whole input again from scratch: new sagas, the same deliveries, nothing sent.
        saga.shutDown();
        try {
            jdbc.update("delete from token_entry where processor_name = ?", LeaveNotificationSaga.PROCESSING_GROUP);
            jdbc.update("delete from association_value_entry");
            jdbc.update("delete from saga_entry");
        } finally {
            saga.start();
        }
        awaitStarted(saga);
        await().atMost(patience()).until(() -> jdbc.queryForObject("select count(*) from association_value_entry "
                + "where association_value = ?", Integer.class, request) == 1);
        awaitCaughtUp(saga);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sentSoFar(manager, employee)).isEqualTo(sentBefore);
            assertThat(deliveries(request)).isEqualTo(deliveriesBefore);
        });
        assertThat(jdbc.queryForObject("select count(*) from inbox where leave_request_id = ?", Integer.class,
                request)).isEqualTo(2);

        // The directory, a plain projection, may be replayed: its rows stay in place and it keeps up afterwards.
        StreamingEventProcessor directory = processor(EmployeeDirectoryProjection.PROCESSING_GROUP);
        directory.shutDown();
        try {
            directory.resetTokens();
        } finally {
            directory.start();
        }
        String newcomer = id("nia");
        register(newcomer, manager);
        await().atMost(patience()).until(() -> jdbc.queryForObject("select count(*) from employee_directory "
                + "where employee_id in (?, ?, ?)", Integer.class, manager, employee, newcomer) == 3);
        awaitCaughtUp(directory);
        assertThat(sentSoFar(manager, employee)).isEqualTo(sentBefore);
    }

    private int sentSoFar(String manager, String employee) {
        return mailsTo(email(manager)).size() + mailsTo(email(employee)).size() + pushTo("push-" + manager).size()
                + pushTo("push-" + employee).size() + smsTo(phone(employee)).size();
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor) {
        await().atMost(patience()).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()));
    }

    /**
     * Until the processor's workers hold their segments again. A tracking processor shut down while the workers of
     * its previous start are still being launched frees those segments and stays down, so the next shutdown or
     * reset has to wait for this.
     */
    private static void awaitStarted(StreamingEventProcessor processor) {
        await().atMost(Duration.ofSeconds(90)).until(() -> processor.isRunning()
                && !processor.processingStatus().isEmpty());
    }
}
