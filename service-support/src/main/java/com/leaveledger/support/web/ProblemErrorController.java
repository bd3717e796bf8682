package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page as problem+json, in place of Spring Boot's {@code BasicErrorController}: an
 * error that escaped the application (a filter's exception, a {@code sendError}) keeps its status and gets the rule
 * {@link Problems#ruleFor}; {@code /error} asked for directly is a 404, not Boot's 500 without a cause.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper json;

    public ProblemErrorController(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem;
        if (!(code instanceof Integer status) || status < 400) {
            problem = Problems.problem(HttpStatus.NOT_FOUND, "not-found", "no resource at this path");
        } else {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (status >= 500) {
                log.error("request to {} failed with {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        status, failure instanceof Throwable t ? t : null);
            }
            HttpStatus known = HttpStatus.resolve(status);
            String detail = status >= 500 ? "the request could not be handled; nothing was changed"
                    : known == null ? "HTTP status " + status : known.getReasonPhrase();
            problem = Problems.problem(HttpStatusCode.valueOf(status), Problems.ruleFor(status), detail);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
