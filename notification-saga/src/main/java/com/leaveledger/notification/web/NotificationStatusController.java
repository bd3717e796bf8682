package com.leaveledger.notification.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.delivery.DeliveryEventLog;
import com.leaveledger.notification.delivery.DeliveryFold;
import com.leaveledger.notification.delivery.DeliveryStatus;
import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.delivery.DeliveryView;
import com.leaveledger.notification.delivery.NotificationKind;
import com.leaveledger.notification.delivery.RecipientRole;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery status of a leave request's notifications, per notification (event × recipient) and channel: now, for
 * the parties, compliance and engineers; as of an instant, for compliance.
 */
@RestController
@RequestMapping("/api/notifications")
public class NotificationStatusController {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2999;

    private final DeliveryStore deliveries;
    private final DeliveryEventLog log;
    private final Clock clock;

    public NotificationStatusController(DeliveryStore deliveries, DeliveryEventLog log, Clock clock) {
        this.deliveries = deliveries;
        this.log = log;
        this.clock = clock;
    }

    public record ChannelStatus(UUID deliveryId, Channel channel, DeliveryStatus status, int attempts,
                                String lastError, String address, UUID fallbackFor, Instant requestedAt,
                                Instant lastAttemptAt, Instant completedAt) {
    }

    public record NotificationStatus(String sourceEventId, NotificationKind kind, String recipientId,
                                     RecipientRole recipientRole, List<ChannelStatus> channels) {
    }

    public record LeaveRequestNotifications(String leaveRequestId, List<NotificationStatus> notifications) {
    }

    /** The notifications at {@code asOf}; {@code eventsApplied} counts the logged outcomes folded. */
    public record NotificationsAsOf(String leaveRequestId, Instant asOf, long eventsApplied,
                                    List<NotificationStatus> notifications) {
    }

    @ProblemResponse(status = 403, rules = "not-a-party")
    @ProblemResponse(status = 404, rules = "not-found")
    @GetMapping
    @Operation(summary = "Every notification of a leave request with the status of each channel",
            description = "For the employee who asked, their manager, COMPLIANCE and ENGINEER.")
    public LeaveRequestNotifications byLeaveRequest(@RequestParam @NotBlank @PlainText @Size(max = 64)
                                                    String leaveRequestId,
                                                    @AuthenticationPrincipal Jwt caller) {
        List<DeliveryView> views = deliveries.byLeaveRequest(leaveRequestId);
        if (views.isEmpty()) {
            throw RuleViolation.notFound("not-found",
                    "no notifications for leave request " + leaveRequestId);
        }
        if (!mayRead(caller, views.get(0))) {
            throw RuleViolation.forbidden("not-a-party",
                    "only the employee, their manager, compliance staff and engineers see these notifications");
        }
        return new LeaveRequestNotifications(leaveRequestId, group(views));
    }

    @GetMapping("/as-of")
    @Operation(summary = "Every notification of a leave request with each channel's status as it stood at an "
            + "instant, folded from the delivery event log (default: now)", description = "For COMPLIANCE.")
    public NotificationsAsOf asOf(@RequestParam @NotBlank @PlainText @Size(max = 64) String leaveRequestId,
                                  @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) Instant asOf) {
        Instant instant = asOf == null ? clock.instant() : asOf;
        DeliveryFold fold = log.asOf(leaveRequestId, instant);
        return new NotificationsAsOf(leaveRequestId, instant, fold.applied(), group(fold.deliveries()));
    }

    static List<NotificationStatus> group(List<DeliveryView> views) {
        Map<String, List<DeliveryView>> byNotification = new LinkedHashMap<>();
        for (DeliveryView view : views) {
            String key = (view.fallbackFor() == null ? view.sourceEventId() : "fallback") + "|" + view.kind() + "|"
                    + view.recipientId();
            byNotification.computeIfAbsent(key, k -> new ArrayList<>()).add(view);
        }
        List<NotificationStatus> notifications = new ArrayList<>();
        for (List<DeliveryView> group : byNotification.values()) {
            DeliveryView first = group.get(0);
            notifications.add(new NotificationStatus(first.sourceEventId(), first.kind(), first.recipientId(),
                    first.recipientRole(), group.stream().map(v -> new ChannelStatus(v.deliveryId(), v.channel(),
                    v.status(), v.attempts(), v.lastError(), v.address(), v.fallbackFor(), v.requestedAt(),
                    v.lastAttemptAt(), v.completedAt())).toList()));
        }
        return notifications;
    }

    private static boolean mayRead(Jwt caller, DeliveryView any) {
        List<String> roles = caller.getClaimAsStringList("roles");
        if (roles != null && (roles.contains("COMPLIANCE") || roles.contains("ENGINEER"))) {
            return true;
        }
        String subject = caller.getSubject();
        return subject != null && (subject.equals(any.employeeId()) || subject.equals(any.managerId()));
    }
}
