package com.leaveledger.support.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as problem+json. Tomcat answers some requests itself, before Spring sees them: a control
 * character in a header value, a space in a header name, a malformed request line. Its default valve writes an HTML
 * page; this one writes the same problem details as the rest of the API ({@link Problems}), rule
 * {@code malformed-request} for a 400 and the status's name otherwise. Errors that reach Spring are answered by
 * Spring, as before: this only runs when nothing has been written yet.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    static String body(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String rule = Problems.ruleFor(status);
        String detail;
        if (status == 400) {
            detail = "the request line or a header is malformed (for example a control character in a header value"
                    + " or a space in a header name); nothing was done";
        } else {
            detail = known == null ? "HTTP status " + status : known.getReasonPhrase();
        }
        String title = Character.toUpperCase(rule.charAt(0)) + rule.substring(1).replace('-', ' ');
        // every value is one of the fixed strings above: nothing needs JSON escaping
        return "{\"type\":\"" + Problems.TYPE_PREFIX + rule + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"rule\":\"" + rule + "\"}";
    }
}
