package com.leaveledger.verifier;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a bundle ({@link Bundle}) line by line, holding nothing but a write buffer: the command side streams its
 * bundles through it, and tests and the benchmark build theirs with it. Hashes are lower-case hex, bytes
 * (payloads, metadata, signatures, keys) standard base64, instants ISO-8601 UTC. The caller keeps the order the
 * format asks for; {@link #end()} writes the counts and flushes.
 */
public final class BundleWriter {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Writer out;
    private final StringBuilder line = new StringBuilder(1024);
    private long checkpoints;
    private long heads;
    private long events;
    private long digests;

    public BundleWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    public void header(String employeeId, Instant from, Instant to, Instant createdAt, Collection<PublicKey> keys)
            throws IOException {
        start("header");
        text("format", Bundle.FORMAT);
        text("employeeId", employeeId);
        text("from", instant(from));
        text("to", instant(to));
        text("createdAt", instant(createdAt.truncatedTo(ChronoUnit.MILLIS)));
        line.append(",\"keys\":[");
        boolean first = true;
        for (PublicKey key : keys) {
            line.append(first ? "{" : ",{");
            first = false;
            line.append("\"keyId\":");
            string(CheckpointKeys.keyId(key));
            line.append(",\"algorithm\":\"Ed25519\",\"publicKey\":");
            string(BASE64.encodeToString(key.getEncoded()));
            line.append('}');
        }
        line.append(']');
        finish();
    }

    public void checkpoint(Checkpoint checkpoint) throws IOException {
        start("checkpoint");
        number("number", checkpoint.number());
        number("position", checkpoint.position());
        number("eventCount", checkpoint.eventCount());
        number("aggregateCount", checkpoint.aggregateCount());
        text("headsRoot", HEX.formatHex(checkpoint.headsRoot()));
        text("previousHash", HEX.formatHex(checkpoint.previousHash()));
        text("createdAt", DateTimeFormatter.ISO_INSTANT.format(checkpoint.createdAt()));
        text("keyId", checkpoint.keyId());
        text("signature", BASE64.encodeToString(checkpoint.signature()));
        finish();
        checkpoints++;
    }

    public void head(Head head, long leafIndex, List<byte[]> path) throws IOException {
        start("head");
        text("aggregateId", head.aggregateId());
        number("sequenceNumber", head.sequenceNumber());
        text("chainHash", HEX.formatHex(head.chainHash()));
        number("globalIndex", head.globalIndex());
        number("leafIndex", leafIndex);
        line.append(",\"path\":[");
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            string(HEX.formatHex(path.get(i)));
        }
        line.append(']');
        finish();
        heads++;
    }

    public void event(StoredEvent event) throws IOException {
        start("event");
        number("globalIndex", event.globalIndex());
        text("eventIdentifier", event.eventIdentifier());
        text("aggregateId", event.aggregateIdentifier());
        number("sequenceNumber", event.sequenceNumber());
        text("type", event.type());
        text("payloadType", event.payloadType());
        text("payloadRevision", event.payloadRevision());
        text("payload", event.payload() == null ? null : BASE64.encodeToString(event.payload()));
        text("metaData", event.metaData() == null ? null : BASE64.encodeToString(event.metaData()));
        text("timeStamp", event.timeStamp());
        text("contentHash", HEX.formatHex(event.contentHash()));
        text("chainHash", HEX.formatHex(event.chainHash()));
        finish();
        events++;
    }

    public void digest(long globalIndex, String aggregateId, long sequenceNumber, byte[] contentHash)
            throws IOException {
        start("digest");
        number("globalIndex", globalIndex);
        text("aggregateId", aggregateId);
        number("sequenceNumber", sequenceNumber);
        text("contentHash", HEX.formatHex(contentHash));
        finish();
        digests++;
    }

    /** The closing line with the counts; flushes. */
    public void end() throws IOException {
        start("end");
        number("checkpoints", checkpoints);
        number("heads", heads);
        number("events", events);
        number("digests", digests);
        finish();
        out.flush();
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private void start(String kind) {
        line.setLength(0);
        line.append("{\"kind\":\"").append(kind).append('"');
    }

    private void finish() throws IOException {
        line.append("}\n");
        out.append(line);
    }

    private void number(String name, long value) {
        line.append(",\"").append(name).append("\":").append(value);
    }

    private void text(String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            string(value);
        }
    }

    /** A JSON string: quote, backslash and the control characters escaped, everything else as it is. */
    private void string(String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
