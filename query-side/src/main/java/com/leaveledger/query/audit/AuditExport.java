package com.leaveledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.privacy.PersonalDataJson;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams the audit log between two instants as CSV or NDJSON. Rows come through a server-side cursor (a
 * read-only transaction with a fetch size), each is written and dropped: memory use does not grow with the export.
 */
public class AuditExport {

    public enum Format { CSV, NDJSON }

    static final String[] CSV_HEADER = {"event_id", "occurred_at", "event_type", "aggregate_type", "aggregate_id",
            "aggregate_seq", "employee_id", "leave_request_id", "account_id", "actor", "correlation_id",
            "causation_id", "revision", "payload"};

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ObjectWriter lines;

    private final PersonalDataJson personalData;

    public AuditExport(DataSource dataSource, TransactionTemplate readOnly, ObjectMapper json, int fetchSize,
                       PersonalDataJson personalData) {
        this.personalData = personalData;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(fetchSize);
        this.readOnly = readOnly;
        this.lines = json.writerFor(AuditQueries.AuditEvent.class);
    }

    /** Writes every event with {@code from <= occurred_at < to} (both optional), oldest first. */
    public void write(Instant from, Instant to, Format format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == Format.CSV) {
            writeCsvRow(writer, CSV_HEADER);
        }
        StringBuilder where = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            where.append(" and occurred_at >= ?");
            args.add(AuditQueries.utc(from));
        }
        if (to != null) {
            where.append(" and occurred_at < ?");
            args.add(AuditQueries.utc(to));
        }
        try {
            readOnly.executeWithoutResult(status -> streaming.query("select " + AuditQueries.COLUMNS
                            + " from audit_event where " + where + " order by occurred_at, received_order",
                    rs -> {
                        try {
                            if (format == Format.CSV) {
                                writeCsvRow(writer, csv(rs));
                            } else {
                                writeJsonLine(writer, AuditQueries.map(rs, 0).revealedBy(personalData));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, args.toArray()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private String[] csv(ResultSet rs) throws SQLException {
        AuditQueries.AuditEvent event = AuditQueries.map(rs, 0).revealedBy(personalData);
        return new String[] {event.eventId(), event.occurredAt().toString(), event.type(), event.aggregateType(),
                event.aggregateId(), event.aggregateSequence() == null ? null : event.aggregateSequence().toString(),
                event.employeeId(), event.leaveRequestId(), event.accountId(), event.actor(), event.correlationId(),
                event.causationId(), event.revision(), event.payload()};
    }

    private void writeJsonLine(Writer writer, AuditQueries.AuditEvent event) throws IOException {
        writer.write(lines.writeValueAsString(event));
        writer.write('\n');
    }

    static void writeCsvRow(Writer writer, String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(csvField(values[i]));
        }
        writer.write("\r\n");
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Null is the empty field. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
