package com.leaveledger.notification.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.notifications.hr-contact.*}: who is reminded of a request waiting for the HR level.
 *
 * @param employeeId the HR contact's employee id (their addresses and manager come from the directory); blank: HR
 *                   levels are not reminded nor escalated
 */
@ConfigurationProperties("ledger.notifications.hr-contact")
public record HrContact(String employeeId) {
}
