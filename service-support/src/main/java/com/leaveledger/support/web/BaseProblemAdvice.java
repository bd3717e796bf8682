package com.leaveledger.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.leaveledger.support.rules.RuleViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem+json answers every service shares: invalid input is a 400 {@code invalid-request} naming each field
 * at fault in {@code errors: [{field, message}]} (bean validation of bodies and parameters, a JSON value of the
 * wrong type, an unknown property, a parameter that does not convert); a body that is not JSON is a 400
 * {@code malformed-request}; a body over the limit a 413 {@code content-too-large} ({@link RequestBodyLimitFilter});
 * Spring MVC's own errors keep their status with the rule {@link Problems#ruleFor} ({@code method-not-allowed},
 * {@code unsupported-media-type}, {@code not-found}, …); anything unexpected is logged and answered 500
 * {@code internal-error}. A service extends this with a {@code @RestControllerAdvice} adding its domain's refusals.
 */
public abstract class BaseProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseProblemAdvice.class);

    /** A rule refused the command or query: its kind gives the status, its name the problem type. */
    @ExceptionHandler(RuleViolation.class)
    protected ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return ResponseEntity.status(status).body(Problems.problem(status, violation.rule(), violation.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String allowed = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? " (one of " + List.of(e.getRequiredType().getEnumConstants()) + ")" : "";
        String message = "'" + e.getValue() + "' is not a valid " + e.getName() + allowed;
        return invalid(message, List.of(Problems.error(e.getName(), message)));
    }

    /** A bean-validation failure outside Spring MVC's own method validation (a {@code @Validated} bean). */
    @ExceptionHandler(ConstraintViolationException.class)
    protected ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(v -> Problems.error(lastNode(v.getPropertyPath()), v.getMessage()))
                .toList();
        return invalid("the request breaks " + errors.size() + " validation rule(s)", errors);
    }

    /** A header or parameter value the firewall refuses when it is first read (rather than at the door). */
    @ExceptionHandler(RequestRejectedException.class)
    protected ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        ProblemDetail problem = ProblemRequestRejectedHandler.problem(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A multipart body (Spring parses one before any handler is chosen): no operation takes one, so it is the media
     * type that is refused, whether or not the body could be parsed.
     */
    @ExceptionHandler(MultipartException.class)
    protected ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "multipart bodies are not accepted; send application/json"));
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
                .map(f -> Problems.error(f.getField(), f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
                .toList();
        return body(invalid("the request body breaks " + errors.size() + " validation rule(s)", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = parameterName(result.getMethodParameter());
            // a request body's fields are named as in the body, as handleMethodArgumentNotValid does
            String prefix = result.getMethodParameter().hasParameterAnnotation(RequestBody.class) ? "" : name + ".";
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? prefix + fieldError.getField() : name;
                errors.add(Problems.error(field, String.valueOf(error.getDefaultMessage())));
            }
        });
        return body(invalid("the request breaks " + errors.size() + " validation rule(s)", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return body(ResponseEntity.status(413).body(RequestBodyLimitFilter.problem(tooLarge.limit())));
            }
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            String field = JsonInputErrors.field(json);
            String message = JsonInputErrors.message(json);
            List<Map<String, Object>> errors = field == null ? List.of() : List.of(Problems.error(field, message));
            if (JsonInputErrors.aboutAValue(json)) {
                return body(invalid("the request body breaks 1 rule: " + field + " " + message, errors));
            }
            return body(ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                    "the request body is not JSON of the expected shape: " + message, errors)));
        }
        return body(ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "the request body is missing or unreadable")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String message = "the query parameter '" + e.getParameterName() + "' is required";
        return body(invalid(message, List.of(Problems.error(e.getParameterName(), message))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail detail && detail.getProperties() == null) {
            String rule = Problems.ruleFor(statusCode.value());
            detail.setType(URI.create(Problems.TYPE_PREFIX + rule));
            detail.setProperty("rule", rule);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ResponseEntity<ProblemDetail> invalid(String detail, List<Map<String, Object>> errors) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", detail,
                errors));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> body(ResponseEntity<ProblemDetail> answer) {
        return (ResponseEntity) answer;
    }

    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return String.valueOf(parameter.getParameterName());
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }
}
