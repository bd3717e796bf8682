package com.leaveledger.console.engineer;

import com.leaveledger.console.backend.Backend;
import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.backend.Reply;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import com.leaveledger.console.web.Outcomes;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Engineers' pages: projections (position, lag, state) with replays whose progress the page polls, and the circuit
 * breakers; the dead letters of both sides (retry, dismiss with a reason), the notification saga's own and its
 * processors' queues; the latest requests' notifications per
 * channel, or one request's. Each page makes at most one call to each service it shows.
 */
@Controller
public class EngineerController extends ConsoleController {

    /** The notification saga's processors with Axon's dead-letter queue (its admin API's names). */
    private static final List<String> PROCESSOR_QUEUES = List.of("notification-inbox", "employee-directory");

    /** How many of the latest requests the notifications page shows. */
    private static final int LATEST_REQUESTS = 50;

    public EngineerController(Backends backends, Notices notices) {
        super(backends, notices);
    }

    @GetMapping("/engineer")
    String projections(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("projections", notices.take(backends.query().getList(user.token(),
                uri -> uri.path("/admin/projections").build()), List.of(), "the projections"));
        model.addAttribute("breakers", notices.take(backends.notifications().getList(user.token(),
                uri -> uri.path("/admin/circuit-breakers").build()), List.of(), "the circuit breakers"));
        return "engineer";
    }

    /** One projection's replay progress: polled by the page every second while the replay runs. */
    @GetMapping("/engineer/projections/{name}/progress")
    String progress(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name, Model model) {
        model.addAttribute("p", notices.take(backends.query().getMap(user.token(),
                uri -> uri.path("/admin/projections/{name}").build(name)), Map.of("name", name), "the projection"));
        model.addAttribute("partial", true);
        return "engineer-parts :: progress";
    }

    @PostMapping("/engineer/projections/{name}/replay")
    String replay(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name, RedirectAttributes redirect) {
        Reply<Map<String, Object>> reply = backends.query().post(user.token(), null,
                uri -> uri.path("/admin/projections/{name}/replay").build(name));
        return Outcomes.redirect(reply, "Replay of " + name + " started; the old model serves until the switch.",
                "Replay of " + name + " not started", "/engineer", redirect);
    }

    @GetMapping("/engineer/projections/{name}/dead-letters")
    String projectionDeadLetters(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name, Model model) {
        model.addAttribute("name", name);
        addAxonLetters(model, backends.query().getMap(user.token(), uri -> uri
                .path("/admin/projections/{name}/dead-letters").queryParam("size", 200).build(name)), name);
        return "projection-dead-letters";
    }

    /** A page of an Axon dead-letter queue's letters ({@code items}, {@code totalItems}) as the model's. */
    private void addAxonLetters(Model model, Reply<Map<String, Object>> reply, String name) {
        Map<String, Object> page = notices.take(reply, Map.of(), "the dead letters of " + name);
        model.addAttribute("letters", page.getOrDefault("items", List.of()));
        model.addAttribute("total", page.getOrDefault("totalItems", 0));
    }

    @PostMapping("/engineer/projections/{name}/dead-letters/retry")
    String retryProjection(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name,
                           RedirectAttributes redirect) {
        return retryAxonLetters(backends.query(), user, "/admin/projections/{name}/dead-letters/retry", name,
                "projection", "/engineer/projections/" + name + "/dead-letters", redirect);
    }

    /** Hands the letters of an Axon dead-letter queue on {@code backend} to their {@code handler} again. */
    private static String retryAxonLetters(Backend backend, ConsoleUser user, String retryPath, String name,
                                           String handler, String page, RedirectAttributes redirect) {
        Reply<Map<String, Object>> reply = backend.post(user.token(), null, uri -> uri.path(retryPath).build(name));
        return Outcomes.redirect(reply, "Dead letters of " + name + " handed to the " + handler + " again: "
                + reply.body(), "Retry refused", page, redirect);
    }

    @PostMapping("/engineer/projections/{name}/dead-letters/{id}/dismiss")
    String dismissProjectionLetter(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name,
                                   @PathVariable String id, @RequestParam(defaultValue = "") String reason,
                                   RedirectAttributes redirect) {
        return dismissAxonLetter(backends.query(), user, "/admin/projections/{name}/dead-letters/{id}", name, id,
                reason, "/engineer/projections/" + name + "/dead-letters", redirect);
    }

    /** Dismisses a letter of an Axon dead-letter queue on {@code backend} (reason required), back to {@code page}. */
    private static String dismissAxonLetter(Backend backend, ConsoleUser user, String letterPath, String name,
                                            String id, String reason, String page, RedirectAttributes redirect) {
        if (reason.isBlank()) {
            redirect.addFlashAttribute("failed", "A dismissal needs a reason.");
            return "redirect:" + page;
        }
        Reply<Map<String, Object>> reply = backend.delete(user.token(), uri -> uri
                .path(letterPath).queryParam("reason", reason).build(name, id));
        return Outcomes.redirect(reply, reply.ok() ? "Dead letter " + id + " of " + name + " dismissed by "
                        + reply.body().get("dismissedBy") + ": " + reply.body().get("reason") : "",
                "Dismissal refused", page, redirect);
    }

    @GetMapping("/engineer/dead-letters")
    String deadLetters(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "OPEN") String status,
                       @RequestParam(defaultValue = "") String queue, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("queues", PROCESSOR_QUEUES);
        if (PROCESSOR_QUEUES.contains(queue)) {
            model.addAttribute("queue", queue);
            addAxonLetters(model, backends.notifications().getMap(user.token(), uri -> uri
                    .path("/admin/processors/{name}/dead-letters").queryParam("limit", 200).build(queue)), queue);
            return "dead-letters";
        }
        model.addAttribute("letters", notices.take(backends.notifications().getList(user.token(), uri -> uri
                .path("/admin/dead-letters").queryParam("status", status).queryParam("limit", 200).build()),
                List.of(), "the notification dead letters"));
        return "dead-letters";
    }

    @PostMapping("/engineer/dead-letters/processors/{name}/retry")
    String retryProcessor(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name,
                          RedirectAttributes redirect) {
        return retryAxonLetters(backends.notifications(), user, "/admin/processors/{name}/dead-letters/retry", name,
                "processor", processorQueuePage(name), redirect);
    }

    @PostMapping("/engineer/dead-letters/processors/{name}/{id}/dismiss")
    String dismissProcessorLetter(@AuthenticationPrincipal ConsoleUser user, @PathVariable String name,
                                  @PathVariable String id, @RequestParam(defaultValue = "") String reason,
                                  RedirectAttributes redirect) {
        return dismissAxonLetter(backends.notifications(), user, "/admin/processors/{name}/dead-letters/{id}", name,
                id, reason, processorQueuePage(name), redirect);
    }

    private static String processorQueuePage(String name) {
        return UriComponentsBuilder.fromPath("/engineer/dead-letters").queryParam("queue", name).build().encode()
                .toUriString();
    }

    @PostMapping("/engineer/dead-letters/{id}/retry")
    String retry(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, RedirectAttributes redirect) {
        return Outcomes.redirect(backends.notifications().post(user.token(), null,
                        uri -> uri.path("/admin/dead-letters/{id}/retry").build(id)),
                "Dead letter " + id + " sent round again.", "Retry refused", "/engineer/dead-letters", redirect);
    }

    @PostMapping("/engineer/dead-letters/{id}/dismiss")
    String dismiss(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                   @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        if (reason.isBlank()) {
            redirect.addFlashAttribute("failed", "A dismissal needs a reason.");
            return "redirect:/engineer/dead-letters";
        }
        return Outcomes.redirect(backends.notifications().delete(user.token(), uri -> uri.path("/admin/dead-letters/{id}")
                        .queryParam("reason", reason).build(id)),
                "Dead letter " + id + " dismissed.", "Dismissal refused", "/engineer/dead-letters", redirect);
    }

    /**
     * One request's notifications, or (without a request id) the latest requests' for engineers: each request's
     * notifications per channel with status, attempts and last error, in one call to notification-saga.
     */
    @GetMapping("/engineer/notifications")
    String notifications(@AuthenticationPrincipal ConsoleUser user,
                         @RequestParam(defaultValue = "") String leaveRequestId, Model model) {
        model.addAttribute("leaveRequestId", leaveRequestId);
        if (!leaveRequestId.isBlank()) {
            Map<String, Object> answer = notices.take(backends.notifications().getMap(user.token(), uri -> uri
                    .path("/api/notifications").queryParam("leaveRequestId", leaveRequestId.strip()).build()),
                    Map.of(), "the notifications");
            model.addAttribute("requests", answer.isEmpty() ? List.of() : List.of(answer));
        } else if (user.has("ENGINEER")) {
            Map<String, Object> latest = notices.take(backends.notifications().getMap(user.token(), uri -> uri
                    .path("/admin/notifications").queryParam("limit", LATEST_REQUESTS).build()), Map.of(),
                    "the latest requests' notifications");
            model.addAttribute("requests", latest.getOrDefault("leaveRequests", List.of()));
            model.addAttribute("latest", true);
        }
        return "notifications";
    }
}
