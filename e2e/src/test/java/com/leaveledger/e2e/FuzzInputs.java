package com.leaveledger.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.e2e.OpenApi.Operation;
import com.leaveledger.e2e.OpenApi.Param;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Inputs for the fuzz suite, derived from an operation's OpenAPI description: valid values (so that requests get past
 * the outer checks and reach the code behind them) and mutations of bodies, path and query parameters, headers and
 * tokens. Every choice comes from one seeded {@link Random}, so a seed replays the same inputs.
 *
 * <p>Each mutation names itself (the {@code label} of what it made) and says whether the contract makes the input
 * invalid ({@code mustRefuse}, with the reason): an input the OpenAPI schema, BRIEF §8 or docs/api.md forbids must not
 * be answered 2xx. Inputs that are odd but allowed (unknown properties, unicode, an unknown role) carry no such claim.
 */
final class FuzzInputs {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The valid ids of the seeded world, by the path segment before a parameter and by field name. */
    record World(String employee, String manager, List<String> leaveRequests, List<String> projections, int year) {

        List<String> forSegment(String segment) {
            return switch (segment) {
                case "leave-requests" -> leaveRequests;
                case "managers" -> List.of(manager);
                case "employees", "leave-accounts" -> List.of(employee, manager);
                case "projections" -> projections.isEmpty() ? List.of("unknown") : projections;
                case "dead-letters" -> List.of(UUID.randomUUID().toString());
                default -> List.of();
            };
        }

        List<String> all() {
            List<String> all = new ArrayList<>(List.of(employee, manager));
            all.addAll(leaveRequests);
            all.addAll(projections);
            return all;
        }
    }

    /** A value with what made it and, if the contract forbids it, why. */
    record Made<T>(T value, String label, String mustRefuse) {

        static <T> Made<T> valid(T value, String label) {
            return new Made<>(value, label, null);
        }
    }

    /** A request body on the wire. */
    record Body(byte[] bytes, String contentType) {
    }

    private final Random random;
    private final World world;
    /** Leave requests are handed out in turn, so that consecutive commands on them rarely meet a decided one. */
    private int nextLeaveRequest;

    FuzzInputs(Random random, World world) {
        this.random = random;
        this.world = world;
    }

    Random random() {
        return random;
    }

    // --- choosing ------------------------------------------------------------------------------------------------

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    final <T> T oneOf(Supplier<T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    // --- valid values from a schema -------------------------------------------------------------------------------

    /** A value the schema accepts, using the seeded world's ids where the field's name asks for one. */
    JsonNode valid(JsonNode schema, String field) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return pick(list(schema.get("enum")));
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            if (schema.has(alternatives) && schema.get(alternatives).size() > 0) {
                return valid(pick(list(schema.get(alternatives))), field);
            }
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = required(schema);
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    if (required.contains(property.getKey()) || chance(0.7)) {
                        object.set(property.getKey(), valid(property.getValue(), property.getKey()));
                    }
                }
                orderDates(object);
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = Math.max(schema.path("minItems").asInt(0), random.nextInt(3));
                Set<JsonNode> seen = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    seen.add(valid(schema.path("items"), field));
                }
                seen.forEach(array::add);
                return array;
            }
            case "integer" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 20;
                if (min <= world.year() && world.year() <= max && max - min > 50) {
                    return NODES.numberNode(world.year() + random.nextInt(3));
                }
                return NODES.numberNode(min + (long) (random.nextDouble() * Math.min(max - min, 20)));
            }
            case "number" -> {
                return NODES.numberNode(1 + random.nextInt(4) + (chance(0.3) ? 0.5 : 0));
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.textNode(validString(schema, field));
            }
        }
    }

    /** A leave request's end date not before its start, both in the seeded world's years. */
    private void orderDates(ObjectNode object) {
        if (object.has("startDate") && object.has("endDate")) {
            LocalDate start = LocalDate.of(world.year() + random.nextInt(4), 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            object.put("startDate", start.toString());
            object.put("endDate", start.plusDays(random.nextInt(2)).toString());
        }
    }

    String validString(JsonNode schema, String field) {
        String format = schema.path("format").asText("");
        String name = field == null ? "" : field.toLowerCase(Locale.ROOT);
        String value = switch (format) {
            case "date" -> LocalDate.of(world.year(), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
            case "date-time" -> world.year() + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                    + "T0" + random.nextInt(10) + ":00:00Z";
            case "email" -> "fz" + random.nextInt(1_000_000) + "@example.com";
            case "uuid" -> pick(world.leaveRequests());
            default -> byName(name, schema);
        };
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null && !matches(pattern, value)) {
            value = candidates(field).stream().filter(c -> matches(pattern, c)).findFirst().orElse(value);
        }
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return value.length() > maxLength ? value.substring(0, maxLength) : value;
    }

    private String byName(String name, JsonNode schema) {
        if (schema.has("default") && chance(0.5)) {
            return schema.get("default").asText();
        }
        if (name.equals("employeeid")) {
            return world.employee();
        }
        if (name.equals("managerid")) {
            return world.manager();
        }
        if (name.equals("leaverequestid")) {
            return pick(world.leaveRequests());
        }
        if (name.equals("id")) {
            return "fz-" + Long.toHexString(random.nextLong() & 0xffffffffffL);
        }
        if (name.contains("email")) {
            return "fz" + random.nextInt(1_000_000) + "@example.com";
        }
        if (name.contains("phone")) {
            return "+49301" + (100_000 + random.nextInt(900_000));
        }
        if (name.equals("country")) {
            return "DE";
        }
        if (name.equals("subdivision")) {
            return "BE";
        }
        if (name.contains("token")) {
            return "push-fz-" + random.nextInt(1_000_000);
        }
        if (name.equals("name")) {
            return "Fuzz Person " + random.nextInt(1000);
        }
        if (schema.has("default")) {
            return schema.get("default").asText();
        }
        return "fuzz " + name + " " + random.nextInt(1000);
    }

    /** Strings to try against a {@code pattern} when the name-based value does not match it. */
    private List<String> candidates(String field) {
        List<String> candidates = new ArrayList<>();
        if ("id".equals(field)) {
            candidates.add("fz-" + Long.toHexString(random.nextLong() & 0xffffffffffL));
        }
        candidates.addAll(world.all());
        candidates.addAll(List.of("DE", "BE", "ANNUAL", UUID.randomUUID().toString(), "abc", "a", "1",
                "2031-01-01", "x@example.com", "+4930123456"));
        return candidates;
    }

    // --- bodies --------------------------------------------------------------------------------------------------

    /** The kinds of body the fuzzer sends; VALID about one time in six. */
    enum BodyKind {
        VALID, CONTROL_CHAR, RAW_CONTROL_CHAR, WRONG_TYPE, ENUM_NEAR_MISS, NULL_IN_ARRAY, LONG_STRING, UNICODE,
        EXTRA_PROPERTY, MISSING_REQUIRED, NULL_VALUE, NUMBER_EDGE, DATE_EDGE, TRAILING_GARBAGE, TRUNCATED, EMPTY,
        NOT_JSON, INVALID_UTF8, DEEP_NESTING, DUPLICATE_KEY, NOT_AN_OBJECT
    }

    /** C0 controls (but TAB, LF, CR), DEL and C1 controls: refused in every string of every body. */
    static boolean isForbiddenControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    Made<Body> body(Operation operation, BodyKind kind) {
        return body(operation, kind, null, -1);
    }

    /** The string properties of an operation's body (the fields a control character goes into). */
    static List<String> stringFields(Operation operation) {
        List<String> names = new ArrayList<>();
        operation.body().path("properties").fields().forEachRemaining(p -> {
            if (type(p.getValue()).equals("string") && !p.getValue().has("enum")) {
                names.add(p.getKey());
            }
        });
        return names;
    }

    /** As {@link #body(Operation, BodyKind)}; a control character goes into {@code field} if given, {@code c} if >= 0. */
    Made<Body> body(Operation operation, BodyKind kind, String forcedField, int forcedChar) {
        JsonNode schema = operation.body();
        JsonNode base = valid(schema, null);
        if (!(base instanceof ObjectNode object) || kind == BodyKind.VALID) {
            return Made.valid(json(base), "valid body");
        }
        List<Field> fields = fields(schema, object);
        switch (kind) {
            case CONTROL_CHAR, RAW_CONTROL_CHAR -> {
                Field field = forcedField == null ? pickField(fields, "string")
                        : fields.stream().filter(f -> f.name().equals(forcedField)).findFirst().orElse(null);
                if (field == null) {
                    break;
                }
                int c = forcedChar >= 0 ? forcedChar
                        : pick(List.of(0x00, 0x00, 0x00, 0x01, 0x07, 0x08, 0x0b, 0x1b, 0x1f, 0x7f, 0x85, 0x9b));
                String value = field.value(object).asText("x");
                int at = random.nextInt(value.length() + 1);
                String mutated = value.substring(0, at) + (char) c + value.substring(at);
                field.set(object, NODES.textNode(mutated));
                String label = String.format("U+%04X in %s", c, field.name());
                if (kind == BodyKind.RAW_CONTROL_CHAR && c < 0x20) {
                    // unescaped inside the JSON string: not even valid JSON (RFC 8259 §7)
                    String escaped = String.format("\\u%04x", c);
                    String text = new String(json(object).bytes(), StandardCharsets.UTF_8).replace(escaped,
                            String.valueOf((char) c));
                    return new Made<>(new Body(text.getBytes(StandardCharsets.UTF_8), "application/json"),
                            "raw (unescaped) " + label, "a raw control character inside a JSON string");
                }
                return new Made<>(json(object), "control character " + label,
                        "a control character in a string (" + label + ")");
            }
            case WRONG_TYPE -> {
                Field field = fields.isEmpty() ? null : pick(fields);
                if (field == null) {
                    break;
                }
                String type = type(field.schema());
                JsonNode wrong = switch (type) {
                    case "string" -> oneOf(() -> NODES.numberNode(random.nextInt(100)), () -> NODES.booleanNode(true),
                            () -> NODES.objectNode().put("value", "x"), () -> NODES.arrayNode().add("x"));
                    case "boolean" -> oneOf(() -> NODES.textNode("true"), () -> NODES.numberNode(1),
                            () -> NODES.textNode("yes"), () -> NODES.numberNode(0));
                    case "integer", "number" -> oneOf(() -> NODES.textNode("5"), () -> NODES.booleanNode(true),
                            () -> NODES.textNode("five"), () -> NODES.arrayNode().add(5));
                    case "array" -> oneOf(() -> NODES.textNode("EMAIL"), () -> NODES.numberNode(1),
                            () -> NODES.objectNode());
                    default -> NODES.numberNode(7);
                };
                field.set(object, wrong);
                String label = wrong.getNodeType().name().toLowerCase(Locale.ROOT) + " " + wrong + " for "
                        + type + " " + field.name();
                return new Made<>(json(object), "wrong type: " + label, "wrong JSON type (" + label + ")");
            }
            case ENUM_NEAR_MISS -> {
                Field field = fields.stream().filter(f -> f.schema().has("enum")).findFirst().orElse(null);
                if (field == null) {
                    break;
                }
                String value = pick(list(field.schema().get("enum"))).asText();
                JsonNode drawn = oneOf(() -> NODES.textNode(value + " "), () -> NODES.textNode(" " + value),
                        () -> NODES.textNode(value.toLowerCase(Locale.ROOT)), () -> NODES.numberNode(0),
                        () -> NODES.textNode(""), () -> NODES.textNode(value + "\u0000"),
                        () -> NODES.textNode(value.replace('A', '\u0410')));
                // a homoglyph of a value without an A is the value itself
                JsonNode miss = drawn.isTextual() && list(field.schema().get("enum")).stream()
                        .anyMatch(valid -> valid.asText().equals(drawn.asText())) ? NODES.textNode(value + " ") : drawn;
                field.set(object, miss);
                return new Made<>(json(object), "enum near-miss " + miss + " for " + field.name(),
                        "not one of the enum's values (" + miss + " for " + field.name() + ")");
            }
            case NULL_IN_ARRAY -> {
                Field field = fields.stream().filter(f -> type(f.schema()).equals("array")).findFirst().orElse(null);
                if (field == null) {
                    break;
                }
                ArrayNode array = NODES.arrayNode();
                array.addNull();
                if (chance(0.5)) {
                    array.add(valid(field.schema().path("items"), field.name()));
                }
                field.set(object, array);
                return new Made<>(json(object), "null in array " + field.name() + " " + array,
                        "null is not an item of " + field.name());
            }
            case LONG_STRING -> {
                Field field = pickField(fields, "string");
                if (field == null) {
                    break;
                }
                int length = pick(List.of(1001, 5000, 70_000, 1_000_000));
                field.set(object, NODES.textNode("x".repeat(length)));
                int max = field.schema().path("maxLength").asInt(Integer.MAX_VALUE);
                return new Made<>(json(object), length + " characters in " + field.name(),
                        length > max ? "longer than maxLength " + max : null);
            }
            case UNICODE -> {
                Field field = pickField(fields, "string");
                if (field == null) {
                    break;
                }
                String text = pick(List.of("Zoë Ångström", "李小龍", "\u202egnp.exe", "e\u0301\u0301\u0301",
                        "😀👩‍👩‍👧", "\uFEFFbom", "\u2028line\u2029", "ｆｕｌｌｗｉｄｔｈ"));
                String value = field.value(object).asText("");
                field.set(object, NODES.textNode(value + text));
                return new Made<>(json(object), "unicode " + escape(text) + " in " + field.name(), null);
            }
            case EXTRA_PROPERTY -> {
                object.put(pick(List.of("admin", "__proto__", "status", "aggregateVersion", "x")),
                        pick(List.of("true", "APPROVED", "1")));
                return Made.valid(json(object), "an unknown property");
            }
            case MISSING_REQUIRED -> {
                List<String> required = new ArrayList<>(required(schema));
                if (required.isEmpty()) {
                    break;
                }
                String name = pick(required);
                object.remove(name);
                return new Made<>(json(object), "required " + name + " missing", "required " + name + " missing");
            }
            case NULL_VALUE -> {
                Field field = fields.isEmpty() ? null : pick(fields);
                if (field == null) {
                    break;
                }
                field.set(object, NODES.nullNode());
                boolean required = required(schema).contains(field.name());
                return new Made<>(json(object), "null " + field.name(),
                        required ? "null for required " + field.name() : null);
            }
            case NUMBER_EDGE -> {
                Field field = fields.stream().filter(f -> Set.of("integer", "number").contains(type(f.schema())))
                        .findFirst().orElse(null);
                if (field == null) {
                    break;
                }
                String literal = pick(List.of("1e309", "-1e309", "1e-400", "99999999999999999999999999",
                        "-0", "0.0000000001", "123456789.123456789", "2.5", "-2147483649", "1E+2"));
                String text = new String(json(object).bytes(), StandardCharsets.UTF_8)
                        .replaceFirst("\"" + field.name() + "\":[^,}]+", "\"" + field.name() + "\":" + literal);
                String why = null;
                if (type(field.schema()).equals("integer") && !literal.matches("-?\\d+")) {
                    why = "not an integer (" + literal + " for " + field.name() + ")";
                }
                return new Made<>(new Body(text.getBytes(StandardCharsets.UTF_8), "application/json"),
                        "number " + literal + " for " + field.name(), why);
            }
            case DATE_EDGE -> {
                Field field = fields.stream().filter(f -> f.schema().path("format").asText("").startsWith("date"))
                        .findFirst().orElse(null);
                if (field == null) {
                    break;
                }
                String value = pick(List.of("0x7E3-01-01", "+1000000000-12-31", "2031-02-30", "31/12/2031",
                        "2031-1-1", "10000-01-01", "-0001-01-01", "2031-01-01T00:00:00Z", "2031-13-01", " 2031-01-01"));
                field.set(object, NODES.textNode(value));
                return new Made<>(json(object), "date " + value + " for " + field.name(),
                        "not an RFC 3339 full-date (" + value + " for " + field.name() + ")");
            }
            case TRAILING_GARBAGE -> {
                String garbage = pick(List.of(" x", "}", "{}", ",", " // c", "\u0000", " null", "]"));
                return new Made<>(text(json(object), t -> t + garbage), "trailing garbage " + escape(garbage),
                        "trailing garbage after the JSON value");
            }
            case TRUNCATED -> {
                String text = new String(json(object).bytes(), StandardCharsets.UTF_8);
                int at = 1 + random.nextInt(Math.max(1, text.length() - 1));
                return new Made<>(new Body(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                        "application/json"), "truncated at " + at, "truncated JSON");
            }
            case EMPTY -> {
                byte[] empty = pick(List.of("", " ", "\n")).getBytes(StandardCharsets.UTF_8);
                return new Made<>(new Body(empty, "application/json"), "empty body",
                        operation.bodyRequired() ? "the body is required" : null);
            }
            case NOT_JSON -> {
                String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data", "application/octet-stream", "text/html"));
                Body json = json(object);
                return new Made<>(new Body(json.bytes(), type), "JSON sent as " + type,
                        operation.bodyRequired() ? "content type " + type + " is not JSON" : null);
            }
            case INVALID_UTF8 -> {
                Field field = pickField(fields, "string");
                if (field == null) {
                    break;
                }
                field.set(object, NODES.textNode("@@INVALID@@"));
                byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAE}));
                byte[] text = json(object).bytes();
                return new Made<>(new Body(replace(text, "@@INVALID@@".getBytes(StandardCharsets.UTF_8), bad),
                        "application/json"), "invalid UTF-8 " + HexFormat.of().formatHex(bad) + " in " + field.name(),
                        "invalid UTF-8 in the body");
            }
            case DEEP_NESTING -> {
                Field field = fields.isEmpty() ? null : pick(fields);
                if (field == null) {
                    break;
                }
                int depth = pick(List.of(1_200, 5_000, 50_000));
                field.set(object, NODES.textNode("@@DEEP@@"));
                String text = new String(json(object).bytes(), StandardCharsets.UTF_8)
                        .replace("\"@@DEEP@@\"", "[".repeat(depth) + "]".repeat(depth));
                return new Made<>(new Body(text.getBytes(StandardCharsets.UTF_8), "application/json"),
                        "arrays nested " + depth + " deep in " + field.name(), "nested arrays for " + field.name());
            }
            case DUPLICATE_KEY -> {
                Field field = pickField(fields, "string");
                if (field == null) {
                    break;
                }
                String text = new String(json(object).bytes(), StandardCharsets.UTF_8);
                String duplicated = text.substring(0, text.length() - 1) + ",\"" + field.name() + "\":\"dup\"}";
                return Made.valid(new Body(duplicated.getBytes(StandardCharsets.UTF_8), "application/json"),
                        "duplicate key " + field.name());
            }
            case NOT_AN_OBJECT -> {
                String text = pick(List.of("[]", "\"text\"", "42", "true", "[{}]"));
                return new Made<>(new Body(text.getBytes(StandardCharsets.UTF_8), "application/json"),
                        "top-level " + text, "the body is not a JSON object");
            }
            default -> {
            }
        }
        // the schema has no field for this kind of mutation: an unknown property instead
        object.put("unknownProperty", "x");
        return Made.valid(json(object), "an unknown property (no field for " + kind + ")");
    }

    /** A top-level property of a body (or the first item of an array property) and its schema. */
    record Field(String name, JsonNode schema) {

        JsonNode value(ObjectNode object) {
            return object.path(name);
        }

        void set(ObjectNode object, JsonNode value) {
            object.set(name, value);
        }
    }

    private List<Field> fields(JsonNode schema, ObjectNode object) {
        List<Field> fields = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(p -> fields.add(new Field(p.getKey(), p.getValue())));
        return fields;
    }

    private Field pickField(List<Field> fields, String type) {
        List<Field> typed = fields.stream().filter(f -> type(f.schema()).equals(type) && !f.schema().has("enum"))
                .toList();
        return typed.isEmpty() ? null : pick(typed);
    }

    static Body json(JsonNode node) {
        try {
            return new Body(Http.JSON.writeValueAsBytes(node), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Body text(Body body, java.util.function.UnaryOperator<String> change) {
        return new Body(change.apply(new String(body.bytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                body.contentType());
    }

    private static byte[] replace(byte[] text, byte[] marker, byte[] with) {
        String latin = new String(text, StandardCharsets.ISO_8859_1);
        String markerText = new String(marker, StandardCharsets.ISO_8859_1);
        return latin.replace(markerText, new String(with, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- paths and query strings ---------------------------------------------------------------------------------

    /** A valid value for a path or query parameter, percent-encoded. */
    String validParam(String path, Param param) {
        JsonNode schema = param.schema();
        if (param.in().equals("path") && !schema.has("enum") && type(schema).equals("string")
                && !schema.path("format").asText("").equals("uuid")) {
            String segment = segmentBefore(path, param.name());
            if (segment.equals("leave-requests")) {
                return encode(world.leaveRequests().get(nextLeaveRequest++ % world.leaveRequests().size()));
            }
            List<String> ids = world.forSegment(segment);
            if (!ids.isEmpty()) {
                return encode(pick(ids));
            }
        }
        if (param.name().toLowerCase(Locale.ROOT).contains("managerid")) {
            return encode(world.manager());
        }
        if (param.name().toLowerCase(Locale.ROOT).contains("leaverequestid")) {
            return encode(pick(world.leaveRequests()));
        }
        JsonNode value = valid(schema, param.name());
        if (param.name().equals("from") && schema.path("format").asText("").equals("date")) {
            return world.year() + "-01-01";
        }
        if (param.name().equals("to") && schema.path("format").asText("").equals("date")) {
            return world.year() + "-02-01";
        }
        return encode(value.asText());
    }

    private static String segmentBefore(String path, String name) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + name + "}")) {
                return segments[i - 1];
            }
        }
        return "";
    }

    /** Path parameter values: percent-encoded (or raw) as they go on the wire. */
    Made<String> nastyPathValue(Param param, boolean command) {
        String wire = pick(List.of("%00", "a%00b", ";x=1", "a;x=1", "..", "%2e%2e", "%2E%2E%2F", "", "a//b",
                "%2F", "%5C", "%0d%0a", "%0D%0AX-Injected:%201", "%0a", "99999999999999999999999", "0x7E3", "0X7E3",
                "#7E3", "-1", "0", "2031.5", "%25", "%", "%zz", "%20", "~", "x".repeat(3000), "%E2%80%AE",
                "%C0%AE", "%ff", "null", "%7Bid%7D", "*", "ANNUAL%20", "annual", "%20ANNUAL", "%C3%A9",
                "%F0%9F%98%80", "1e3", "+2031", "%09", "%7F", "%C2%85"));
        return new Made<>(wire, "path " + param.name() + "=" + abbreviate(wire, 40),
                violation(param, wire, false, command));
    }

    /** Query parameter values, percent-encoded as they go on the wire. */
    Made<String> nastyQueryValue(Param param, boolean command) {
        String wire = pick(List.of("%2B1000000000-12-31T23:59:59.999999999Z", "+1000000000-12-31T23:59:59.999999999Z",
                "-1000000000-01-01T00:00:00Z", "%2B999999999-12-31", "-999999999-01-01", "%00", "a%00b", "%0d%0a",
                "%ff%fe", "%", "%zz", "%E2%80%AE", "'%20OR%201=1--", "x".repeat(5000), "", "0x7E3",
                "99999999999999999999", "-1", "0", "2147483647", "-2147483648", "NaN", "1e9", "2031-13-45",
                "2031-02-29T25:61:61Z", "null", "%5B%5D", "2031-01-01", "2031-01-01T00:00:00Z",
                "2031-01-01T00:00:00.123456789123Z", "1970-01-01T00:00:00Z", "SUBMITTED%20", "submitted",
                "csv", "xml", "CSV", "%09"));
        return new Made<>(wire, "query " + param.name() + "=" + abbreviate(wire, 40),
                violation(param, wire, true, command));
    }

    /**
     * Why the decoded value breaks the parameter's schema, or null if it does not (or we cannot tell). A control
     * character counts only on a command: a read may well answer "nothing found" for it.
     */
    static String violation(Param param, String wire, boolean query, boolean command) {
        if (wire.contains(";") || wire.contains("/") || wire.equals("..") || wire.contains("%2F")
                || wire.contains("%2f") || wire.equals("*")) {
            return null; // changes the route or is the firewall's matter, not the parameter's
        }
        String value;
        try {
            value = query ? URLDecoder.decode(wire, StandardCharsets.UTF_8)
                    : URLDecoder.decode(wire.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Tomcat drops a parameter it cannot decode: absent in effect, a refusal only where it is required
            return param.required() ? "not valid percent-encoding (" + wire + ")" : null;
        }
        if (!param.in().equals("query") && value.isEmpty()) {
            return null;
        }
        if (value.isBlank() && !param.required()) {
            return null; // absent in effect
        }
        if (command && value.chars().anyMatch(FuzzInputs::isForbiddenControl)) {
            return "a control character in " + param.name();
        }
        return schemaViolation(param.schema(), value, param.name());
    }

    static String schemaViolation(JsonNode schema, String value, String name) {
        if (schema.has("enum")) {
            boolean known = list(schema.get("enum")).stream().anyMatch(e -> e.asText().equals(value));
            return known ? null : "'" + abbreviate(value, 30) + "' is not one of " + name + "'s values "
                    + schema.get("enum");
        }
        String type = type(schema);
        if (type.equals("integer")) {
            if (!value.matches("[+-]?\\d{1,18}")) {
                return "'" + abbreviate(value, 30) + "' is not an integer (" + name + ")";
            }
            long n = Long.parseLong(value);
            if ((schema.has("minimum") && n < schema.get("minimum").asLong())
                    || (schema.has("maximum") && n > schema.get("maximum").asLong())) {
                return n + " is outside " + name + "'s range";
            }
            if (schema.path("format").asText("").equals("int32") && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
                return n + " is not an int32 (" + name + ")";
            }
            return null;
        }
        if (type.equals("boolean")) {
            return value.equals("true") || value.equals("false") ? null : "'" + value + "' is not a boolean";
        }
        String format = schema.path("format").asText("");
        if (format.equals("date-time")) {
            try {
                if (!RFC3339.matcher(value).matches()) {
                    throw new IllegalArgumentException();
                }
                OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return null;
            } catch (RuntimeException e) {
                return "'" + abbreviate(value, 40) + "' is not an RFC 3339 date-time (" + name + ")";
            }
        }
        if (format.equals("date")) {
            try {
                if (!FULL_DATE.matcher(value).matches()) {
                    throw new IllegalArgumentException();
                }
                LocalDate.parse(value);
                return null;
            } catch (RuntimeException e) {
                return "'" + abbreviate(value, 40) + "' is not an RFC 3339 full-date (" + name + ")";
            }
        }
        if (format.equals("uuid") && !UUID_TEXT.matcher(value).matches()) {
            return "'" + abbreviate(value, 40) + "' is not a UUID (" + name + ")";
        }
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null && !matches(pattern, value)) {
            return "'" + abbreviate(value, 40) + "' does not match " + pattern + " (" + name + ")";
        }
        if (schema.has("maxLength") && value.length() > schema.get("maxLength").asInt()) {
            return name + " longer than " + schema.get("maxLength").asInt();
        }
        return null;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- headers -------------------------------------------------------------------------------------------------

    /** A header value as ISO-8859-1 chars (one char, one byte on the wire). */
    Made<String> nastyHeaderValue() {
        String c1 = oneOf(() -> "\u0080", () -> "\u0085", () -> "\u008d", () -> "\u009b", () -> "\u009f")
                + "key" + (char) (0x80 + random.nextInt(0x20));
        String value = pick(List.of(c1, c1, utf8AsLatin1("clé-é"), utf8AsLatin1("ключ"), "\u00ff\u00fe", "a\tb",
                " padded ", "", "a b", "<script>", "%00", "x".repeat(129), "x".repeat(201), "x".repeat(10_000),
                "a\u007fb", "valid-" + random.nextInt(1_000_000), "a\u0000b", "a\rb", "a\r\n b"));
        return Made.valid(value, escape(abbreviate(value, 40)));
    }

    /** Whether docs/api.md allows this Idempotency-Key: 1–200 visible ASCII characters. */
    static boolean validIdempotencyKey(String key) {
        String value = key.replaceAll("^[ \t]+|[ \t]+$", ""); // optional whitespace is not part of a field value
        return value.length() >= 1 && value.length() <= 200 && value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    static String utf8AsLatin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    // --- small things --------------------------------------------------------------------------------------------

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    static Set<String> required(JsonNode schema) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    /** Printable ASCII as is, everything else as \xNN (up to U+00FF) or \\uNNNN. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02X", c));
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return out.toString();
    }
}
