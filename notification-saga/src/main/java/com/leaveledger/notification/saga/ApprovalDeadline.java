package com.leaveledger.notification.saga;

import com.leaveledger.kernel.leaverequest.Approver;

/**
 * The payload of a reminder or escalation deadline: the event the request started waiting at (its submission or the
 * level passed before), which names the deliveries it causes, and the approver of the level it waits at.
 */
public record ApprovalDeadline(String waitingSinceEventId, Approver level, String approverId) {
}
