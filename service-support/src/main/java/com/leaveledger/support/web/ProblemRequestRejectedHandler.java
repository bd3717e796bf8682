package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The firewall's refusals as problem+json: an {@link InputRejectedException} of {@link LedgerFirewall} with its
 * status, rule and field; any other {@link RequestRejectedException} (the URL rules of Spring Security's
 * {@code StrictHttpFirewall}, or a header value it refuses when read) as a 400 {@code malformed-request}.
 * Without it Spring Security answers with {@code sendError(400)} and the servlet container's error page.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

    private final ObjectMapper json;

    public ProblemRequestRejectedHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.debug("request refused by the firewall: {}", e.getMessage());
        ProblemDetail problem = problem(e);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", LedgerFirewall.METHODS));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The problem answering {@code e}; also used for a refusal raised while Spring MVC handles the request. */
    public static ProblemDetail problem(RequestRejectedException e) {
        if (e instanceof InputRejectedException input) {
            List<Map<String, Object>> errors = List.of(Problems.error(input.field(), input.problem()));
            String detail = input.status() == HttpStatus.METHOD_NOT_ALLOWED
                    ? "the method is not allowed here; nothing was done"
                    : "the request was refused at the door: " + input.field() + " " + input.problem();
            return Problems.problem(input.status(), input.rule(), detail, errors);
        }
        String message = String.valueOf(e.getMessage());
        // StrictHttpFirewall's URL rules say "...because the URL contained...", "...the URL was not normalized"
        List<Map<String, Object>> errors = message.contains("URL")
                ? List.of(Problems.error("path", message)) : List.of();
        return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", message, errors);
    }
}
