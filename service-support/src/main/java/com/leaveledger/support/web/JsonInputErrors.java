package com.leaveledger.support.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The field a Jackson failure is about (from the exception's path, {@code notificationChannels[0]}) and a message
 * for a client, in our words: Jackson's own messages name Java classes.
 */
final class JsonInputErrors {

    private static final int MAX_ECHO = 40;

    private JsonInputErrors() {
    }

    /** The field, or {@code null} when the failure is not about one (e.g. trailing tokens, an empty body). */
    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            JsonParser parser = read.getProcessor();
            try {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                return pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
            } catch (RuntimeException unavailable) {
                return null;
            }
        }
        return null;
    }

    /** Whether the body is JSON of the wrong shape (a field's value) rather than not JSON at all. */
    static boolean aboutAValue(JsonProcessingException e) {
        return e instanceof JsonMappingException && field(e) != null;
    }

    static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return "unknown property" + (known == null || known.isEmpty() ? ""
                    : "; known: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + echo(format.getValue()) + "' is not " + expected(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof StreamReadException) {
            return "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
        }
        return "invalid value";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class) {
            return "an instant (ISO-8601, e.g. 2027-03-01T00:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text;
    }
}
