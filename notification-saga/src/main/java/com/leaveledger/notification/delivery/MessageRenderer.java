package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.directory.Contact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a delivery and its recipient into the words on the screen. Plain text; SMS and push stay short. The
 * employee is named by their name from the directory (the manager's notices are about them). Control characters of
 * names and notes are shown as control pictures (a subject is one line; a body keeps its line breaks), and the
 * correlation id is made fit for a header ({@link NoticeText}, docs/adr/0031-poison-events.md).
 */
public class MessageRenderer {

    public OutgoingMessage render(Delivery delivery, Contact recipient, String address, String employeeName) {
        Map<String, String> d = delivery.details();
        String period = d.getOrDefault("leaveType", "leave") + " " + d.getOrDefault("startDate", "?") + " – "
                + d.getOrDefault("endDate", "?") + " (" + d.getOrDefault("workingDays", "?") + " working days)";
        String employee = employeeName == null ? delivery.employeeId() : employeeName;
        String note = d.get("note");
        String subject;
        String text;
        switch (delivery.kind()) {
            case LEAVE_REQUESTED:
                subject = employee + " asks for leave";
                text = employee + " asks for " + period + ". Please approve or reject it.";
                break;
            case LEAVE_APPROVED:
                subject = "Your leave was approved";
                text = "Your " + period + " was approved" + suffix(note) + ".";
                break;
            case LEAVE_REJECTED:
                subject = "Your leave was rejected";
                text = "Your " + period + " was rejected" + suffix(note) + ".";
                break;
            case LEAVE_CANCELLED:
                subject = delivery.recipientRole() == RecipientRole.MANAGER
                        ? employee + "'s approved leave was cancelled" : "Your leave was cancelled";
                text = (delivery.recipientRole() == RecipientRole.MANAGER ? employee + "'s" : "Your")
                        + " approved " + period + " was cancelled" + suffix(note) + ".";
                break;
            case APPROVAL_RETRACTED:
                subject = "Disregard the approval of your leave: it was cancelled";
                text = "Your " + period + " was cancelled" + suffix(note)
                        + ". Please disregard any approval notice you may still receive for it.";
                break;
            case REQUEST_WITHDRAWN:
                subject = employee + " withdrew a leave request";
                text = employee + " withdrew the request for " + period + "; nothing to decide any more.";
                break;
            case APPROVAL_REMINDER:
                subject = "Reminder: " + employee + "'s leave request awaits your decision";
                text = employee + "'s request for " + period + " has waited " + d.getOrDefault("waitingWorkingDays", "?")
                        + " working days for your decision" + level(d) + ". Please approve or reject it.";
                break;
            case APPROVAL_ESCALATED:
                subject = employee + "'s leave request was escalated to you";
                text = employee + "'s request for " + period + " has waited " + d.getOrDefault("waitingWorkingDays", "?")
                        + " working days for the decision of " + d.getOrDefault("approverId", "its approver")
                        + level(d) + ". As their manager you may now approve or reject it.";
                break;
            case APPROVAL_TURN:
                subject = employee + "'s leave request awaits your decision";
                text = employee + "'s request for " + period + " passed approval level "
                        + d.getOrDefault("levelPassed", "?") + " (approved by " + d.getOrDefault("approvedBy", "?")
                        + ") and now awaits your decision" + level(d) + ". Please approve or reject it.";
                break;
            default:
                throw new IllegalArgumentException("unknown kind " + delivery.kind());
        }
        if (delivery.fallbackFor() != null) {
            subject = subject + " (we could not reach you by " + d.getOrDefault("fallbackFrom", "another channel")
                    .toLowerCase() + ")";
        }
        String greeting = recipient.name() == null ? "" : "Hello " + recipient.name() + ",\n\n";
        String body = delivery.channel() == Channel.EMAIL ? greeting + text + "\n\n— Leave Ledger" : text;
        // names and notes come from the ledger and may hold control characters: shown, never sent as such
        subject = NoticeText.visible(subject, false);
        body = NoticeText.visible(body, true);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("leaveRequestId", delivery.leaveRequestId());
        data.put("kind", delivery.kind().name());
        return new OutgoingMessage(delivery.deliveryId().toString(), delivery.channel(), address, subject, body, data,
                NoticeText.header(delivery.correlationId()), delivery.traceparent() == null ? Map.of()
                        : Map.of(MetadataKeys.TRACEPARENT, delivery.traceparent()));
    }

    private static String level(Map<String, String> details) {
        return "HR".equals(details.get("level")) ? " (HR approval)" : "";
    }

    private static String suffix(String note) {
        return note == null || note.isBlank() ? "" : ": " + note;
    }
}
