package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code ledger.web.max-body-size} with 413 {@code content-too-large} (Tomcat's own
 * limit covers only form posts). A declared {@code Content-Length} above the limit is refused before anything reads
 * the body; a body without one (chunked) is counted as it is read, and reading past the limit fails with
 * {@link BodyTooLargeException}, which {@link BaseProblemAdvice} answers with the same 413.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    /**
     * How much of a refused body is read and dropped so that the client, still sending, gets the answer: Tomcat drops
     * the connection after a 413 without reading on (its own {@code maxSwallowSize} is the same 2 MB).
     */
    static final long DRAIN_AT_MOST = 2 * 1024 * 1024;

    private final long limit;
    private final ObjectMapper json;

    public RequestBodyLimitFilter(long limit, ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem(limit));
            if (declared <= DRAIN_AT_MOST) {
                drain(request.getInputStream());
            }
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        Limited limited = new Limited(request, limit);
        chain.doFilter(limited, response);
        if (limited.exceeded()) {
            drain(request.getInputStream());
        }
    }

    private static void drain(ServletInputStream in) {
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            for (int n; read < DRAIN_AT_MOST && (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (IOException gone) {
            // the client stopped sending: nothing to drain
        }
    }

    static ProblemDetail problem(long limit) {
        return Problems.problem(HttpStatusCode.valueOf(413), Problems.ruleFor(413),
                "the request body is larger than " + limit + " bytes; nothing was done",
                List.of(Problems.error("body", "at most " + limit + " bytes")));
    }

    /** Reading the body beyond the limit. */
    public static final class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingInputStream(super.getInputStream(), limit);
            }
            return counted;
        }

        boolean exceeded() {
            return counted instanceof CountingInputStream c && c.read > limit;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }

    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
