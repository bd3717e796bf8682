package com.leaveledger.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Notification saga of Leave Ledger: turns domain events into per-channel notifications (email,
 * SMS, push, compliance audit), drives them to delivery and serves the dead-letter admin API
 * (port 8083).
 */
@SpringBootApplication
public class NotificationSagaApplication {

    public static void main(String[] args) {
        // No phoning home from an HR system: AxonIQ's update checker stays off unless explicitly enabled.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(NotificationSagaApplication.class, args);
    }
}
