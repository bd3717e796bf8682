package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The leave ledger's API in the words of the tests: who registers, grants, asks, decides, and what they see. */
final class Ledger {

    static final String HR = Http.token("hr-e2e", "HR");
    static final String COMPLIANCE = Http.token("auditor-e2e", "COMPLIANCE");
    static final String ENGINEER = Http.token("engineer-e2e", "ENGINEER");

    private final ServiceProcess commands;

    Ledger(ServiceProcess commands) {
        this.commands = commands;
    }

    /** An employee as HR registers them; ids carry a per-run prefix. */
    record Person(String id, String managerId) {

        static Person manager(String name) {
            return new Person(unique(name), null);
        }

        static Person reportingTo(String name, Person manager) {
            return new Person(unique(name), manager.id());
        }

        private static String unique(String name) {
            return name + "-" + UUID.randomUUID().toString().substring(0, 6);
        }

        String email() {
            return id + "@example.com";
        }

        String phone() {
            return "+49301" + Math.abs(id.hashCode() % 1_000_000);
        }

        String pushToken() {
            return "push-" + id;
        }

        String token() {
            return managerId == null ? Http.token(id, "EMPLOYEE", "MANAGER") : Http.token(id, "EMPLOYEE");
        }
    }

    void register(Person person) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", person.id());
        body.put("name", "Name of " + person.id());
        body.put("email", person.email());
        body.put("phone", person.phone());
        body.put("pushToken", person.pushToken());
        body.put("managerId", person.managerId());
        body.put("country", "DE");
        body.put("subdivision", "BE");
        Http.Answer answer = Http.post(commands, "/api/employees", HR, body);
        assertThat(answer.status()).as("register %s: %s", person.id(), answer).isEqualTo(201);
    }

    /** Registers {@code manager}, then {@code employee} reporting to them with annual leave of {@code year}. */
    void registerWithLeave(Person manager, Person employee, int year, int days) {
        register(manager);
        register(employee);
        grant(employee, year, days);
    }

    void grant(Person person, int year, int days) {
        Http.Answer answer = Http.post(commands, "/api/leave-accounts/" + person.id() + "/ANNUAL/" + year
                + "/entitlements", HR, Map.of("days", days, "reason", "contract " + year));
        assertThat(answer.status()).as("grant: %s", answer).isEqualTo(202);
    }

    /** Submits annual leave; answers the leave request id. */
    String submit(Person employee, String startDate, String endDate, String correlationId) {
        return submit(employee, startDate, endDate, correlationId, "e2e");
    }

    String submit(Person employee, String startDate, String endDate, String correlationId, String reason) {
        Http.Answer answer = Http.post(commands, "/api/leave-requests", employee.token(), Map.of(
                "employeeId", employee.id(), "leaveType", "ANNUAL", "startDate", startDate, "endDate", endDate,
                "reason", reason), "X-Correlation-Id", correlationId);
        assertThat(answer.status()).as("submit: %s", answer).isEqualTo(202);
        String id = answer.body().path("leaveRequestId").asText();
        assertThat(answer.header("Location")).isEqualTo("/api/leave-requests/" + id);
        return id;
    }

    void approve(Person manager, String leaveRequestId, String correlationId) {
        approve(manager, leaveRequestId, correlationId, null);
    }

    /** Approves within the caller's W3C trace context ({@code traceparent}; null: none). */
    void approve(Person manager, String leaveRequestId, String correlationId, String traceparent) {
        String[] headers = traceparent == null ? new String[] {"X-Correlation-Id", correlationId}
                : new String[] {"X-Correlation-Id", correlationId, "traceparent", traceparent};
        Http.Answer answer = Http.post(commands, "/api/leave-requests/" + leaveRequestId + "/approve",
                manager.token(), Map.of("comment", "enjoy"), headers);
        assertThat(answer.status()).as("approve: %s", answer).isEqualTo(202);
    }

    void cancel(Person employee, String leaveRequestId, String correlationId) {
        Http.Answer answer = Http.post(commands, "/api/leave-requests/" + leaveRequestId + "/cancel",
                employee.token(), Map.of("reason", "plans changed"), "X-Correlation-Id", correlationId);
        assertThat(answer.status()).as("cancel: %s", answer).isEqualTo(202);
    }

    // --- query side ----------------------------------------------------------------------------------------

    /** The request as its owner sees it, or null while it is not projected yet (404). */
    static JsonNode leaveRequest(ServiceProcess query, Person owner, String leaveRequestId) {
        Http.Answer answer = Http.get(query, "/api/leave-requests/" + leaveRequestId, owner.token());
        if (answer.status() == 404) {
            return null;
        }
        assertThat(answer.status()).as("leave request: %s", answer).isEqualTo(200);
        return answer.body();
    }

    static String status(ServiceProcess query, Person owner, String leaveRequestId) {
        JsonNode request = leaveRequest(query, owner, leaveRequestId);
        return request == null ? null : request.path("status").asText();
    }

    /** The ANNUAL balance of a year as "granted/deducted/reserved/available", or "none". */
    static String annualBalance(ServiceProcess query, Person employee, int year) {
        Http.Answer answer = Http.get(query, "/api/employees/" + employee.id() + "/balances?year=" + year,
                employee.token());
        assertThat(answer.status()).as("balances: %s", answer).isEqualTo(200);
        for (JsonNode balance : answer.body().path("balances")) {
            if (balance.path("leaveType").asText().equals("ANNUAL")) {
                return balance.path("granted").asText() + "/" + balance.path("deducted").asText() + "/"
                        + balance.path("reserved").asText() + "/" + balance.path("available").asText();
            }
        }
        return "none";
    }

    /** The compliance timeline of a request: one "type actor correlationId" line per event. */
    static List<String> auditTimeline(ServiceProcess query, String leaveRequestId) {
        Http.Answer answer = Http.get(query, "/api/audit/leave-requests/" + leaveRequestId, COMPLIANCE);
        List<String> lines = new ArrayList<>();
        if (answer.status() == 404) {
            return lines;
        }
        assertThat(answer.status()).as("audit: %s", answer).isEqualTo(200);
        for (JsonNode event : answer.body().path("events")) {
            lines.add(event.path("type").asText() + " " + event.path("actor").asText() + " "
                    + event.path("correlationId").asText());
        }
        return lines;
    }

    // --- notifications -------------------------------------------------------------------------------------

    /** The notifications of a request as compliance sees them, or a missing node while there are none (404). */
    static JsonNode notifications(ServiceProcess notifications, String leaveRequestId) {
        Http.Answer answer = Http.get(notifications, "/api/notifications?leaveRequestId=" + leaveRequestId,
                COMPLIANCE);
        if (answer.status() == 404) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        assertThat(answer.status()).as("notifications: %s", answer).isEqualTo(200);
        return answer.body();
    }

    /**
     * Every channel of a request's notifications as "KIND recipient CHANNEL STATUS" (a fallback's line ends with
     * "(fallback)"), sorted, so a test can compare the whole picture at once.
     */
    static List<String> deliveries(ServiceProcess service, String leaveRequestId) {
        List<String> lines = new ArrayList<>();
        for (JsonNode notification : notifications(service, leaveRequestId).path("notifications")) {
            for (JsonNode channel : notification.path("channels")) {
                lines.add(notification.path("kind").asText() + " " + notification.path("recipientId").asText() + " "
                        + channel.path("channel").asText() + " " + channel.path("status").asText()
                        + (channel.path("fallbackFor").isNull() || channel.path("fallbackFor").isMissingNode()
                        ? "" : " (fallback)"));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** The {@link #deliveries} lines of a notice of {@code kind} to {@code recipient} sent on these channels. */
    static List<String> sent(String kind, Person recipient, String... channels) {
        return Arrays.stream(channels).map(channel -> kind + " " + recipient.id() + " " + channel + " SENT").toList();
    }

    /**
     * The {@link #deliveries} of a request the manager approved, once every notice went out: the manager was told of
     * the request by email, push and the audit channel, the employee of the approval by SMS as well.
     */
    static List<String> approvedAndSent(Person employee, Person manager) {
        List<String> lines = new ArrayList<>(sent("LEAVE_APPROVED", employee, "AUDIT", "EMAIL", "PUSH", "SMS"));
        lines.addAll(sent("LEAVE_REQUESTED", manager, "AUDIT", "EMAIL", "PUSH"));
        return lines;
    }

    /** The delivery id (= the providers' idempotency key) of one channel of a notification. */
    static String deliveryId(ServiceProcess service, String leaveRequestId, String kind, Person recipient,
                             String channel) {
        for (JsonNode notification : notifications(service, leaveRequestId).path("notifications")) {
            if (notification.path("kind").asText().equals(kind)
                    && notification.path("recipientId").asText().equals(recipient.id())) {
                for (JsonNode c : notification.path("channels")) {
                    if (c.path("channel").asText().equals(channel) && c.path("fallbackFor").isNull()) {
                        return c.path("deliveryId").asText();
                    }
                }
            }
        }
        return null;
    }
}
