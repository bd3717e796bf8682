package com.leaveledger.support.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem+json answers every service shares: invalid or malformed input is a 400 naming the rule
 * ({@code invalid-request}, {@code malformed-request}); Spring MVC's own errors keep their status with rule
 * {@code http-<status>}; anything unexpected is logged and answered 500 {@code internal-error}. A service extends
 * this with a {@code @RestControllerAdvice} adding its domain's refusals.
 */
public abstract class BaseProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseProblemAdvice.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String allowed = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? " (one of " + List.of(e.getRequiredType().getEnumConstants()) + ")" : "";
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                "'" + e.getValue() + "' is not a valid " + e.getName() + allowed));
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "the request could not be handled; nothing was changed"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.<String, Object>of("field", f.getField(),
                        "message", f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                "the request body breaks " + errors.size() + " validation rule(s)");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                e.getAllErrors().stream().map(err -> String.valueOf(err.getDefaultMessage())).toList().toString()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = e.getMostSpecificCause().getMessage();
        if (detail != null && detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "the request body is not valid JSON of the expected shape: " + detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail detail && detail.getProperties() == null) {
            detail.setProperty("rule", "http-" + statusCode.value());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
