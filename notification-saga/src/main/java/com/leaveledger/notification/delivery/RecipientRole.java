package com.leaveledger.notification.delivery;

/** The recipient's part in the leave request. */
public enum RecipientRole {
    EMPLOYEE, MANAGER
}
