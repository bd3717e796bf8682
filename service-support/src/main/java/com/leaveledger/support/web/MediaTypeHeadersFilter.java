package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The two media-type headers, before anything reads them. A {@code Content-Type} that is malformed or a wildcard
 * ({@code *}{@code /*}) is refused with 415 problem+json: Spring MVC would fail on it with an exception of its own
 * (a 500). An {@code Accept} header that is malformed, or that accepts nothing the services ever answer with, is
 * disregarded
 * (RFC 9110 §12.5.1 lets a server do so rather than answer 406). Without this, a command sent with
 * {@code Accept: application/xml} was decided and stored, and only then, while writing the answer, refused 406: the
 * client was told no while the ledger had changed. Disregarding the header, the client gets the JSON answer of what
 * was done, and every refusal stays problem+json.
 */
public class MediaTypeHeadersFilter extends OncePerRequestFilter {

    /** What a command (anything but GET and HEAD) answers with: JSON, or a problem. */
    private static final List<MediaType> COMMANDS_ANSWER = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON, MediaType.valueOf("application/*+json"));
    /** What reads answer with: JSON and problems, exports, metrics, the OpenAPI UI. */
    private static final List<MediaType> READS_ANSWER = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON, MediaType.valueOf("application/*+json"),
            MediaType.valueOf("application/x-ndjson"), MediaType.valueOf("text/*"),
            MediaType.valueOf("application/openmetrics-text"));

    private final ObjectMapper json;

    public MediaTypeHeadersFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !concrete(contentType)) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            ProblemDetail problem = Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    Problems.ruleFor(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()),
                    "the Content-Type header is not a concrete media type; send application/json");
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        chain.doFilter(accept == null || answerable(accept, request.getMethod()) ? request : withoutAccept(request),
                response);
    }

    static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean answerable(String accept, String method) {
        List<MediaType> answered = "GET".equals(method) || "HEAD".equals(method) ? READS_ANSWER : COMMANDS_ANSWER;
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(wanted -> answered.stream().anyMatch(wanted::isCompatibleWith));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HttpServletRequest withoutAccept(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name)).toList());
            }
        };
    }
}
