package com.leaveledger.notification.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.notifications.hr-contact.*}: who is told that a request reached its HR level, and reminded of a
 * request waiting there.
 *
 * @param employeeId the HR contact's employee id (their addresses and manager come from the directory); blank: nobody
 *                   is told of HR levels, and they are neither reminded nor escalated
 */
@ConfigurationProperties("ledger.notifications.hr-contact")
public record HrContact(String employeeId) {
}
