package com.leaveledger.notification.delivery;

/** What a notification tells its recipient. */
public enum NotificationKind {
    /** To the manager: a report asked for leave. */
    LEAVE_REQUESTED,
    /** To the employee: the request was approved. */
    LEAVE_APPROVED,
    /** To the employee: the request was rejected. */
    LEAVE_REJECTED,
    /** To employee and manager: approved leave was cancelled. */
    LEAVE_CANCELLED,
    /** To the employee: approved leave was cancelled while its approval notices were still pending. */
    APPROVAL_RETRACTED,
    /** To the manager: a request still awaiting a decision was withdrawn. */
    REQUEST_WITHDRAWN,
    /** To the approver of the level a request waits at: it has waited {@code remindAfterWorkingDays} working days. */
    APPROVAL_REMINDER,
    /** To the approver's own manager: the request has waited {@code escalateAfterWorkingDays}; they may decide it. */
    APPROVAL_ESCALATED,
    /** To the approver of the next level (the manager, or the HR contact): a level was passed, it is their turn. */
    APPROVAL_TURN
}
