package com.leaveledger.notification;

import com.leaveledger.support.boot.LedgerApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Notification saga of Leave Ledger: turns domain events into per-channel notifications (email,
 * SMS, push, compliance audit), drives them to delivery and serves the dead-letter admin API
 * (port 8083).
 */
@SpringBootApplication
public class NotificationSagaApplication {

    public static void main(String[] args) {
        LedgerApplication.run(NotificationSagaApplication.class, args);
    }
}
