package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

class ServiceBasicsIT extends NotificationSagaIT {

    @Test
    void reportsHealthyAgainstRealPostgres() {
        assertHealthy();
    }

    @Test
    void publishesOpenApiDocumentAsJson() {
        JsonNode docs = openApiDocument("Leave Ledger notification saga");

        assertThat(docs.path("paths").has("/api/notifications")).isTrue();
        assertThat(docs.path("paths").has("/admin/dead-letters/{id}/retry")).isTrue();
        assertThat(docs.path("paths").has("/admin/processors/{name}/dead-letters/retry")).isTrue();
        assertThat(docs.path("paths").path("/admin/processors/{name}/dead-letters").path("get")
                .path("parameters").findValues("maximum")).extracting(JsonNode::asInt).containsExactly(1000);
    }

    @Test
    void everyProcessorPutsTheEventsCorrelationIdIntoTheLogContext(
            @org.springframework.beans.factory.annotation.Autowired EventProcessingConfiguration processing) {
        for (String processor : List.of(LeaveEventInbox.PROCESSING_GROUP, EmployeeDirectoryProjection.PROCESSING_GROUP,
                LeaveNotificationSaga.PROCESSING_GROUP)) {
            assertThat(processing.interceptorsFor(processor)).as(processor)
                    .hasAtLeastOneElementOfType(CorrelationIdLogContext.class);
        }
    }

    @Test
    void aPositionAloneCommitsWithoutWaitingForTheDiskAndABatchWithWorkDoesNot(
            @org.springframework.beans.factory.annotation.Autowired TokenStore tokens,
            @org.springframework.beans.factory.annotation.Autowired TransactionManager transactions) {
        String probe = "probe-" + run;
        transactions.executeInTransaction(() -> tokens.initializeTokenSegments(probe, 1));
        String outside = transactions.fetchInTransaction(() -> {
            tokens.fetchToken(probe, 0);
            tokens.storeToken(new GlobalSequenceTrackingToken(1), probe, 0);
            return jdbc.queryForObject("show synchronous_commit", String.class);
        });
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        String[] inBatch = new String[1];
        batch.execute(() -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(2), probe, 0);
            inBatch[0] = jdbc.queryForObject("show synchronous_commit", String.class);
        });
        String afterwards = transactions.fetchInTransaction(
                () -> jdbc.queryForObject("show synchronous_commit", String.class));

        assertThat(outside).isEqualTo("off");
        assertThat(inBatch[0]).isEqualTo("on");
        assertThat(afterwards).as("set local ends with its transaction").isEqualTo("on");
        assertThat(transactions.fetchInTransaction(() -> tokens.fetchToken(probe, 0)))
                .isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void migratesItsOwnSchema() {
        String owner = jdbc.queryForObject("select service from notification_saga.service_info", String.class);

        assertThat(owner).isEqualTo("notification-saga");
    }

    @Test
    void theApiNeedsAToken() {
        assertThat(call(HttpMethod.GET, "/admin/dead-letters", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/admin/dead-letters", token("eli", "EMPLOYEE")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/notifications?leaveRequestId=x", token("hr", "HR")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
