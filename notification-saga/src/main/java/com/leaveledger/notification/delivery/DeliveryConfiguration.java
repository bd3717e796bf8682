package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.NotificationProperties;
import com.leaveledger.notification.directory.EmployeeDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deliveries: the commands that start and cancel them, the dispatcher that drives them through the channels
 * ({@link ChannelConfiguration}), the outcome writer, recovery of abandoned deliveries, and their threads.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService deliveryTimer(NotificationProperties properties) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(properties.timerThreads(),
                threads("delivery-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService deliveryDispatchExecutor(NotificationProperties properties) {
        return Executors.newFixedThreadPool(properties.dispatchThreads(), threads("delivery-dispatch"));
    }

    @Bean
    DeliveryStore deliveryStore(JdbcTemplate jdbc, ObjectMapper json) {
        return new DeliveryStore(jdbc, json);
    }

    @Bean
    DeliveryEventLog deliveryEventLog(JdbcTemplate jdbc, ObjectMapper json) {
        return new DeliveryEventLog(jdbc, json);
    }

    @Bean
    OutcomeWriter outcomeWriter(JdbcTemplate jdbc, TransactionManager transactions, EventBus eventBus,
                                DeadLetterSink deadLetters, DeliveryEventLog deliveryEventLog, MeterRegistry meters,
                                NotificationProperties properties) {
        OutcomeWriter writer = new OutcomeWriter(jdbc, transactions, eventBus, deadLetters, deliveryEventLog, meters,
                properties.outcomeBatchSize(), properties.outcomeLinger(), properties.lease());
        Gauge.builder("ledger.notifications.outcomes.backlog", writer, OutcomeWriter::backlog)
                .description("Delivery outcomes waiting to be written").register(meters);
        return writer;
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(Map<Channel, ResilientChannel> resilientChannels,
                                          EmployeeDirectory directory, OutcomeWriter outcomes, DeliveryStore store,
                                          ExecutorService deliveryDispatchExecutor,
                                          ScheduledExecutorService deliveryTimer, Clock clock, MeterRegistry meters) {
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(resilientChannels, directory, new MessageRenderer(),
                outcomes, store, deliveryDispatchExecutor, deliveryTimer, clock);
        Gauge.builder("ledger.notifications.deliveries.in_flight", dispatcher, DeliveryDispatcher::inFlight)
                .description("Deliveries this instance is driving (sending or waiting to retry)").register(meters);
        Gauge.builder("ledger.notifications.provider_calls.in_flight", dispatcher,
                        DeliveryDispatcher::providerCallsInFlight)
                .description("Provider calls waiting for an answer").register(meters);
        return dispatcher;
    }

    @Bean
    DeliveryCommandHandler deliveryCommandHandler(DeliveryStore store, DeliveryEventLog deliveryEventLog,
                                                  DeliveryDispatcher dispatcher, Clock clock,
                                                  @Qualifier("notificationInstanceId") String instanceId,
                                                  NotificationProperties properties, MeterRegistry meters) {
        return new DeliveryCommandHandler(store, deliveryEventLog, dispatcher, clock, instanceId,
                properties.lease(), meters);
    }

    @Bean
    DeliveryRecovery deliveryRecovery(DeliveryStore store, DeliveryDispatcher dispatcher,
                                      @Qualifier("notificationInstanceId") String instanceId,
                                      NotificationProperties properties) {
        return new DeliveryRecovery(store, dispatcher, instanceId, properties.lease(),
                properties.recoveryInterval());
    }

    /** Daemon threads named {@code <prefix>-<n>}. */
    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
