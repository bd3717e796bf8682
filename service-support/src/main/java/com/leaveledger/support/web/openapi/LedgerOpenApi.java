package com.leaveledger.support.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/**
 * What the whole document of a service states: the {@code Problem} schema its refusals share (RFC 9457 with the
 * {@code rule} member and the fields at fault in {@code errors}), the bearer scheme (JWT) every operation needs (the
 * service's own, when it declares one), and the answers' properties as Jackson writes them: all present, {@code null}
 * where {@link NullableProperties} says so (a nullable reference as {@code anyOf} the reference or {@code null}, since
 * OpenAPI 3.0 ignores a {@code $ref}'s siblings).
 */
public class LedgerOpenApi implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";
    private static final String PROBLEM_ERROR = "ProblemError";
    private static final String SCHEMAS = "#/components/schemas/";

    private final NullableProperties nullable;

    public LedgerOpenApi(NullableProperties nullable) {
        this.nullable = nullable;
    }

    /**
     * A service's document before this customizer completes it: its title, what it does and its build's version
     * ({@code dev} when run from the IDE); the bearer scheme and the shared schemas are added by {@link #customise}.
     */
    public static OpenAPI document(String title, String description, ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        return new OpenAPI().info(new Info().title(title).description(description)
                .version(info == null ? "dev" : info.getVersion()));
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        String bearer = components.getSecuritySchemes() == null ? null : components.getSecuritySchemes().entrySet()
                .stream().filter(scheme -> scheme.getValue().getType() == SecurityScheme.Type.HTTP
                        && "bearer".equalsIgnoreCase(scheme.getValue().getScheme()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (bearer == null) {
            bearer = BEARER;
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("A JWT: `sub` the employee id, `roles` among EMPLOYEE, MANAGER, HR, COMPLIANCE, "
                            + "ENGINEER (docs/api.md#tokens)"));
        }
        if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
            openApi.setSecurity(List.of(new SecurityRequirement().addList(bearer)));
        }
        components.addSchemas(PROBLEM_ERROR, new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, parameter, header or claim"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message")));
        components.addSchemas(PROBLEM, new ObjectSchema()
                .description("RFC 9457 problem details naming the broken rule")
                .addProperty("type", new StringSchema().description("urn:leave-ledger:problem:<rule>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("rule", new StringSchema().description("the broken rule's name"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(SCHEMAS + PROBLEM_ERROR))
                        .description("the fields at fault, when the refusal is about input"))
                .required(List.of("type", "title", "status", "rule")));
        Map<String, Schema> schemas = components.getSchemas();
        Set<String> answers = new HashSet<>();
        if (openApi.getPaths() != null) {
            for (PathItem path : openApi.getPaths().values()) {
                for (Operation operation : path.readOperations()) {
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(r -> reach(r.getContent(), schemas, answers));
                    }
                }
            }
        }
        answers.remove(PROBLEM);
        answers.remove(PROBLEM_ERROR);
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            Map<String, Schema> properties = entry.getValue().getProperties();
            if (properties == null) {
                continue;
            }
            if (answers.contains(entry.getKey())) {
                entry.getValue().setRequired(new ArrayList<>(properties.keySet()));
            }
            properties.replaceAll((name, property) -> property.get$ref() != null
                    && nullable.nullableReference(entry.getKey(), name) ? orNull(property) : property);
        }
    }

    /**
     * The schema, or {@code null}: OpenAPI 3.0 cannot mark a {@code $ref} nullable ({@code nullable} beside it is
     * ignored, and {@code allOf} with it still refuses {@code null}), so the null is the second choice of an
     * {@code anyOf}, written as OpenAPI 3.0.3 spells "only null".
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema orNull(Schema reference) {
        Schema nothing = new ObjectSchema().nullable(true);
        nothing.setEnum(Collections.singletonList(null));
        return new Schema<>().anyOf(List.of(reference, nothing));
    }

    private static void reach(Content content, Map<String, Schema> schemas, Set<String> reached) {
        if (content != null) {
            content.values().forEach(media -> reach(media.getSchema(), schemas, reached));
        }
    }

    @SuppressWarnings("unchecked")
    private static void reach(Schema<?> schema, Map<String, Schema> schemas, Set<String> reached) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (reached.add(name) && schemas != null) {
                reach(schemas.get(name), schemas, reached);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach(p, schemas, reached));
        }
        reach(schema.getItems(), schemas, reached);
        for (List<Schema> parts : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (parts != null) {
                parts.forEach(p -> reach(p, schemas, reached));
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            reach(values, schemas, reached);
        }
    }
}
