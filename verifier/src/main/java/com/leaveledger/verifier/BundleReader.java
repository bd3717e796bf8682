package com.leaveledger.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a bundle's lines one at a time ({@link Bundle}); a line that is not what the format says is an
 * {@link UnreadableBundleException} naming the line. Order is the {@link BundleVerifier}'s to check.
 */
public final class BundleReader {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final BufferedReader in;
    private long lineNumber;

    public BundleReader(BufferedReader in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the input. */
    public Bundle.Line next() throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        lineNumber++;
        try {
            return line(BundleJson.object(text));
        } catch (IllegalArgumentException | ClassCastException | DateTimeParseException e) {
            throw new UnreadableBundleException(lineNumber, e.getMessage(), e);
        }
    }

    /** The 1-based number of the line read last. */
    public long lineNumber() {
        return lineNumber;
    }

    private Bundle.Line line(Map<String, Object> json) {
        String kind = text(json, "kind");
        return switch (kind) {
            case "header" -> new Bundle.Header(text(json, "format"), text(json, "employeeId"),
                    Instant.parse(text(json, "from")), Instant.parse(text(json, "to")),
                    Instant.parse(text(json, "createdAt")), keys(json));
            case "checkpoint" -> new Bundle.CheckpointLine(new Checkpoint(number(json, "number"),
                    number(json, "position"), number(json, "eventCount"), number(json, "aggregateCount"),
                    hash(json, "headsRoot"), hash(json, "previousHash"), Instant.parse(text(json, "createdAt")),
                    text(json, "keyId"), bytes(json, "signature")));
            case "head" -> new Bundle.HeadLine(new Head(text(json, "aggregateId"), number(json, "sequenceNumber"),
                    hash(json, "chainHash"), number(json, "globalIndex")), number(json, "leafIndex"), path(json));
            case "event" -> new Bundle.EventLine(new StoredEvent(number(json, "globalIndex"),
                    text(json, "eventIdentifier"), text(json, "aggregateId"), number(json, "sequenceNumber"),
                    nullableText(json, "type"), text(json, "payloadType"), nullableText(json, "payloadRevision"),
                    bytes(json, "payload"), nullableBytes(json, "metaData"), text(json, "timeStamp"),
                    hash(json, "contentHash"), hash(json, "chainHash")));
            case "digest" -> new Bundle.DigestLine(number(json, "globalIndex"), text(json, "aggregateId"),
                    number(json, "sequenceNumber"), hash(json, "contentHash"));
            case "end" -> new Bundle.End(number(json, "checkpoints"), number(json, "heads"), number(json, "events"),
                    number(json, "digests"));
            default -> throw new IllegalArgumentException("no line of kind \"" + kind + "\" in " + Bundle.FORMAT);
        };
    }

    private static List<Bundle.Key> keys(Map<String, Object> json) {
        List<Bundle.Key> keys = new ArrayList<>();
        for (Object each : list(json, "keys")) {
            if (!(each instanceof Map<?, ?> key)) {
                throw new IllegalArgumentException("keys holds objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) key;
            keys.add(new Bundle.Key(text(members, "keyId"), text(members, "algorithm"),
                    bytes(members, "publicKey")));
        }
        return keys;
    }

    private static List<byte[]> path(Map<String, Object> json) {
        List<byte[]> path = new ArrayList<>();
        for (Object each : list(json, "path")) {
            if (!(each instanceof String hex)) {
                throw new IllegalArgumentException("path holds hex strings");
            }
            path.add(hex(hex, "path"));
        }
        return path;
    }

    private static List<?> list(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof List<?> list)) {
            throw new IllegalArgumentException(name + " is an array");
        }
        return list;
    }

    private static String text(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " is a string");
        }
        return value;
    }

    private static String nullableText(Map<String, Object> json, String name) {
        return json.get(name) == null ? present(json, name, null) : text(json, name);
    }

    private static long number(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof Long value)) {
            throw new IllegalArgumentException(name + " is an integer");
        }
        return value;
    }

    private static byte[] hash(Map<String, Object> json, String name) {
        byte[] hash = hex(text(json, name), name);
        if (hash.length != 32) {
            throw new IllegalArgumentException(name + " is a SHA-256 hash, 64 hex digits");
        }
        return hash;
    }

    private static byte[] hex(String hex, String name) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is hex", e);
        }
    }

    private static byte[] bytes(Map<String, Object> json, String name) {
        try {
            return BASE64.decode(text(json, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is base64", e);
        }
    }

    private static byte[] nullableBytes(Map<String, Object> json, String name) {
        return json.get(name) == null ? present(json, name, null) : bytes(json, name);
    }

    /** A member whose value may be null must still be there: a missing one is not the same as a stored null. */
    private static <T> T present(Map<String, Object> json, String name, T value) {
        if (!json.containsKey(name)) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
