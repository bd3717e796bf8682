package com.leaveledger.notification.saga;

import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.calendar.WorkingWeeks;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leave saga: its store, its manager routed by segment, the inbox that feeds it from Kafka, and when it reminds
 * approvers (the leave policies' reminder periods, counted with the calendar every service shares).
 */
@Configuration(proxyBeanMethods = false)
@Import({LeavePolicyConfiguration.class, CalendarConfiguration.class})
@EnableConfigurationProperties({HrContact.class, LedgerTimeZone.class})
public class SagaConfiguration {

    @Bean
    ApprovalReminders approvalReminders(HolidayCalendar holidays, WorkingWeeks weeks,
                                        ApprovalReminders.Employees employees, LeavePolicies policies,
                                        HrContact hrContact, LedgerTimeZone zone, Clock clock) {
        return new ApprovalReminders(new WorkingDays(holidays, weeks), employees, policies.reminders(),
                hrContact.employeeId(), clock.withZone(zone.timeZone()));
    }

    /**
     * Saga state through plain JDBC (Axon's JdbcSagaStore on the Flyway tables) in the processor's transaction:
     * the JPA saga store made Hibernate flush and dirty-check every loaded saga before each association query,
     * which was most of the saga processor's time under load (docs/benchmarks.md, "Notifications").
     */
    @Bean
    SagaStore<Object> sagaStore(DataSource dataSource, Serializer serializer) {
        SagaSchema tables = SagaSchema.builder()
                .sagaEntryTable("saga_entry").sagaIdColumn("saga_id").sagaTypeColumn("saga_type")
                .revisionColumn("revision").serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry").associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
        return JdbcSagaStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .sqlSchema(new PostgresSagaSqlSchema(tables))
                .serializer(serializer)
                .build();
    }

    /**
     * The leave saga's manager hands each event only to the segment its saga lives in (docs/adr/0023). Registered
     * after Spring's own registration of the {@code @Saga} (a later registration of a saga type replaces the
     * earlier); store, repository and everything else stay Axon's defaults.
     */
    @Bean
    ConfigurerModule segmentRoutedLeaveSaga() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerSaga(LeaveNotificationSaga.class, saga -> saga
                        .configureSagaManager(c -> new SegmentRoutedSagaManager<>(
                                AnnotatedSagaManager.<LeaveNotificationSaga>builder()
                                        .sagaType(LeaveNotificationSaga.class)
                                        .sagaRepository(c.eventProcessingConfiguration()
                                                .sagaConfiguration(LeaveNotificationSaga.class).repository())
                                        .parameterResolverFactory(c.parameterResolverFactory())
                                        .handlerDefinition(c.handlerDefinition(LeaveNotificationSaga.class))
                                        .listenerInvocationErrorHandler(c.eventProcessingConfiguration()
                                                .listenerInvocationErrorHandler(LeaveNotificationSaga.PROCESSING_GROUP))
                                        .spanFactory(c.getComponent(SagaManagerSpanFactory.class)))));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @Bean
    LeaveEventInbox leaveEventInbox(JdbcTemplate jdbc, EventBus eventBus, ObjectProvider<SpanFactory> spanFactory) {
        return new LeaveEventInbox(jdbc, eventBus, spanFactory.getIfAvailable(() -> NoOpSpanFactory.INSTANCE));
    }
}
