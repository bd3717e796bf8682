package com.leaveledger.notification.delivery;

/** The recipient's part in the leave request. */
public enum RecipientRole {
    EMPLOYEE, MANAGER,
    /** The HR contact, who decides the HR level of a request ({@code ledger.notifications.hr-contact-id}). */
    HR,
    /** An approver's own manager, to whom a request waiting too long is escalated. */
    APPROVERS_MANAGER
}
