package com.leaveledger.console.backend;

import java.util.List;
import java.util.Map;

/**
 * Why a service refused or failed a call: the RFC 9457 problem it answered (status, rule, detail, field errors), or
 * a stand-in when it answered none (down, a bare status).
 *
 * @param service the service that answered (command-side, query-side, notification-saga)
 * @param status  the HTTP status, 0 when the service could not be reached
 */
public record Problem(String service, int status, String rule, String title, String detail,
                      List<FieldError> errors) {

    /** One field at fault, as the problem's {@code errors[]} names it. */
    public record FieldError(String field, String message) {
    }

    static Problem down(String service) {
        return new Problem(service, 0, "service-unavailable", "Service unavailable",
                service + " is not answering", List.of());
    }

    @SuppressWarnings("unchecked")
    static Problem of(String service, int status, Map<String, Object> body) {
        if (body == null) {
            return new Problem(service, status, "status-" + status, "HTTP " + status,
                    service + " answered " + status, List.of());
        }
        Object rawErrors = body.get("errors");
        List<FieldError> errors = rawErrors instanceof List<?> list ? list.stream()
                .filter(Map.class::isInstance).map(e -> (Map<String, Object>) e)
                .map(e -> new FieldError(String.valueOf(e.get("field")), String.valueOf(e.get("message"))))
                .toList() : List.of();
        return new Problem(service, status, text(body.get("rule"), "status-" + status),
                text(body.get("title"), "HTTP " + status), text(body.get("detail"), service + " answered " + status),
                errors);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }

    public boolean isDown() {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }

    public boolean isForbidden() {
        return status == 403;
    }

    /** The message of the field's error, if the problem names it. */
    public String errorOf(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }
}
