package com.leaveledger.notification.erasure;

import com.leaveledger.notification.deadletter.DeadLetterStore;
import com.leaveledger.notification.delivery.DeliveryDispatcher;
import com.leaveledger.notification.delivery.DeliveryEventLog;
import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.directory.EmployeeDirectory;
import com.leaveledger.support.privacy.DataKeyCipher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Erasure of an employee's personal data in this service ({@link SubjectErasure}, docs/notifications.md). */
@Configuration(proxyBeanMethods = false)
public class ErasureConfiguration {

    /** Joins the {@code employee-directory} processor (its {@code @ProcessingGroup}), after the registrations. */
    @Bean
    SubjectErasure subjectErasure(EmployeeDirectory directory, DeliveryStore deliveries,
                                  DeliveryEventLog deliveryEventLog, DeadLetterStore deadLetterStore,
                                  DeliveryDispatcher deliveryDispatcher, JdbcTemplate jdbc,
                                  DataKeyCipher personalDataCipher, Clock clock) {
        return new SubjectErasure(directory, deliveries, deliveryEventLog, deadLetterStore, deliveryDispatcher,
                new SagaStates(jdbc), personalDataCipher, clock);
    }
}
