package com.leaveledger.support.web;

import com.leaveledger.support.infra.HeaderCharacters;
import com.leaveledger.support.validation.TextRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} (URL normalisation, blocklisted sequences such as {@code ;},
 * {@code //}, {@code %2e}, encoded CR/LF; see {@link HeaderCharacters}) plus checks it leaves for later or does not
 * make, all at the door, so that a refusal is a 400 naming the field and never a failure halfway through a request:
 * <ul>
 * <li>the method: one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, else 405 {@code method-not-allowed};</li>
 * <li>the decoded path: no control character;</li>
 * <li>every header: names and values free of control characters (the firewall checks them only when a header is
 * read, from wherever it is read); the headers the services read ({@link #READ_HEADERS}) visible ASCII
 * only;</li>
 * <li>every query parameter: names and values one line of text ({@link TextRules#plainTextProblem}).</li>
 * </ul>
 * A refusal is an {@link InputRejectedException}, answered by {@link ProblemRequestRejectedHandler}.
 */
public final class LedgerFirewall implements HttpFirewall {

    /** The methods the firewall lets through (its default set); anything else is a 405. */
    public static final List<String> METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    /** Headers the services read: their values are visible ASCII (0x20–0x7E) or the request is refused. */
    public static final Set<String> READ_HEADERS = caseInsensitive("Authorization", CorrelationIdFilter.HEADER,
            "Idempotency-Key");

    private static final List<String> READ_HEADER_NAMES = List.copyOf(READ_HEADERS);

    private final StrictHttpFirewall strict = HeaderCharacters.firewall();

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (!METHODS.contains(request.getMethod())) {
            throw new InputRejectedException(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "method",
                    "the method is not one of " + METHODS);
        }
        FirewalledRequest firewalled = strict.getFirewalledRequest(request);
        checkPath(request.getServletPath());
        checkPath(request.getPathInfo());
        checkHeaders(request);
        checkParameters(request);
        return firewalled;
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    private static void checkPath(String path) {
        String problem = path == null ? null : TextRules.plainTextProblem(path);
        if (problem != null) {
            throw invalid("path", problem);
        }
    }

    private static void checkHeaders(HttpServletRequest request) {
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (!HeaderCharacters.NAME.test(name)) {
                throw invalid("header name", "a header name holds a control character");
            }
            boolean read = READ_HEADERS.contains(name);
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                if (read ? !TextRules.visibleAscii(value) : !HeaderCharacters.VALUE.test(value)) {
                    throw invalid(read ? canonical(name) : name, read
                            ? "only visible ASCII characters (0x20–0x7E) are allowed"
                            : "control characters are not allowed in a header value");
                }
            }
        }
    }

    private static void checkParameters(HttpServletRequest request) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (TextRules.plainTextProblem(name) != null) {
                throw invalid("parameter name", "a query parameter's name holds a control character");
            }
            for (String value : parameter.getValue()) {
                String problem = TextRules.plainTextProblem(value);
                if (problem != null) {
                    throw invalid(name, problem);
                }
            }
        }
    }

    /** A header we read by the name we spell it with (Tomcat may hand names over in lower case). */
    private static String canonical(String name) {
        for (String known : READ_HEADER_NAMES) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    private static InputRejectedException invalid(String field, String problem) {
        return new InputRejectedException(HttpStatus.BAD_REQUEST, "invalid-request", field, problem);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
