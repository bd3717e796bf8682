package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations a running service publishes in its OpenAPI document ({@code GET /v3/api-docs}): method, path
 * template, parameters, request body schema and whether it needs a bearer token. Schemas come back with every
 * {@code $ref} inlined, so a generator needs nothing but the operation.
 */
final class OpenApi {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    /** Deeper than any schema of ours; stops a recursive schema from inlining forever. */
    private static final int MAX_DEPTH = 12;

    private OpenApi() {
    }

    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    record Operation(ServiceProcess service, String method, String path, List<Param> params, JsonNode body,
                     boolean bodyRequired, boolean secured) {

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + service.name() + ")";
        }
    }

    /** Every operation of the service's document, in document order. */
    static List<Operation> operations(ServiceProcess service) {
        Http.Answer answer = Http.get(service, "/v3/api-docs", null);
        assertThat(answer.status()).as("%s /v3/api-docs: %s", service.name(), answer).isEqualTo(200);
        JsonNode document = answer.body();
        boolean securedByDefault = document.path("security").size() > 0;
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode source : List.of(path.getValue().path("parameters"), operation.path("parameters"))) {
                    for (JsonNode p : source) {
                        JsonNode param = inline(document, p, 0);
                        params.add(new Param(param.path("name").asText(), param.path("in").asText(),
                                param.path("required").asBoolean(false), param.path("schema")));
                    }
                }
                JsonNode body = null;
                boolean bodyRequired = false;
                JsonNode requestBody = operation.path("requestBody");
                if (!requestBody.isMissingNode()) {
                    requestBody = inline(document, requestBody, 0);
                    JsonNode content = requestBody.path("content");
                    JsonNode media = content.has("application/json") ? content.get("application/json")
                            : content.elements().hasNext() ? content.elements().next() : null;
                    body = media == null ? null : media.path("schema");
                    bodyRequired = requestBody.path("required").asBoolean(false);
                }
                boolean secured = operation.has("security") ? operation.path("security").size() > 0
                        : securedByDefault;
                operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(params), body, bodyRequired, secured));
            }
        }
        return operations;
    }

    /** A copy of {@code node} with every {@code $ref} replaced by what it points at, and {@code allOf} merged. */
    static JsonNode inline(JsonNode document, JsonNode node, int depth) {
        if (depth > MAX_DEPTH || node == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (node.isObject() && node.has("$ref")) {
            return inline(document, pointer(document, node.get("$ref").asText()), depth + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), inline(document, field.getValue(),
                    depth + 1)));
            if (copy.has("allOf")) {
                ObjectNode merged = JsonNodeFactory.instance.objectNode();
                for (JsonNode part : copy.remove("allOf")) {
                    merged.setAll((ObjectNode) part);
                }
                merged.setAll(copy);
                return merged;
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(inline(document, element, depth + 1)));
            return copy;
        }
        return node;
    }

    private static JsonNode pointer(JsonNode document, String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("external $ref not supported: " + ref);
        }
        return document.at(ref.substring(1));
    }
}
