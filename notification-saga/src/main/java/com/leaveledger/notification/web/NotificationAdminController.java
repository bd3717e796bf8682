package com.leaveledger.notification.web;

import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.delivery.DeliveryView;
import com.leaveledger.notification.web.NotificationStatusController.LeaveRequestNotifications;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notifications of the leave requests notified about last, each per notification and channel with its status,
 * attempts and last error, in one answer (role ENGINEER): the engineers' overview, one call however many requests.
 */
@RestController
public class NotificationAdminController {

    private final DeliveryStore deliveries;

    public NotificationAdminController(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    /** A page of leave requests with their notifications, the latest first. */
    public record LatestNotifications(int limit, int offset, List<LeaveRequestNotifications> leaveRequests) {
    }

    @GetMapping("/admin/notifications")
    @Operation(summary = "The leave requests notified about last, each with its notifications and every channel's "
            + "status, attempts and last error", description = "limit 1–100 (20) requests from offset (0), the "
            + "request with the latest notification first.")
    public LatestNotifications latest(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset) {
        Map<String, List<DeliveryView>> byRequest = new LinkedHashMap<>();
        for (DeliveryView view : deliveries.latestLeaveRequests(limit, offset)) {
            byRequest.computeIfAbsent(view.leaveRequestId(), id -> new ArrayList<>()).add(view);
        }
        List<LeaveRequestNotifications> requests = byRequest.entrySet().stream().map(request ->
                new LeaveRequestNotifications(request.getKey(), NotificationStatusController.group(request.getValue())))
                .toList();
        return new LatestNotifications(limit, offset, requests);
    }
}
