package com.leaveledger.support.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class OpenApiCustomizersTest {

    static class Handlers {
        @ProblemResponse(status = 404, rules = "leave-request-not-found")
        @ProblemResponse(status = 409, rules = {"request-not-pending", "concurrent-modification"})
        public void approve() {
        }

        @Decisions
        public void reject() {
        }
    }

    /** A set of refusals shared by several operations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @ProblemResponse(status = 409, rules = {"request-not-pending", "concurrent-modification"})
    @interface Decisions {
    }

    record Body(@NotNull String required, String optional) {
    }

    @Test
    void anOperationWithABodyDocumentsTheSharedRefusalsAndItsOwnRules() throws Exception {
        Operation operation = new Operation().requestBody(new RequestBody())
                .responses(new ApiResponses().addApiResponse("202", new ApiResponse().description("Accepted")));

        documented(operation, "approve");

        assertThat(operation.getResponses()).containsOnlyKeys("202", "400", "401", "403", "404", "409", "413", "415");
        assertThat(operation.getResponses().get("400").getDescription())
                .isEqualTo("Bad Request: `invalid-request`, `malformed-request`");
        ApiResponse conflict = operation.getResponses().get("409");
        assertThat(conflict.getDescription()).isEqualTo("Conflict: `request-not-pending`, `concurrent-modification`");
        MediaType problem = conflict.getContent().get("application/problem+json");
        assertThat(problem.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(problem.getExamples()).containsOnlyKeys("request-not-pending", "concurrent-modification");
    }

    @Test
    void anAnnotationCarryingProblemResponsesDocumentsThemOnEachOperationItAnnotates() throws Exception {
        Operation operation = documented(new Operation().security(List.of()).responses(new ApiResponses()), "reject");

        assertThat(operation.getResponses()).containsOnlyKeys("404", "409");
        assertThat(operation.getResponses().get("409").getDescription())
                .isEqualTo("Conflict: `request-not-pending`, `concurrent-modification`");
    }

    @Test
    void anOperationWithoutInputOrTokenDocumentsNoInputRefusal() throws Exception {
        Operation operation = documented(new Operation().security(List.of()).responses(new ApiResponses()), "approve");

        assertThat(operation.getResponses()).containsOnlyKeys("404", "409");
    }

    @Test
    void aReferenceOnlyValidatedNotNullStaysNonNullable() throws Exception {
        NullableProperties nullable = new NullableProperties();
        Schema<?> parent = new ObjectSchema().name("Body");

        Schema<?> required = nullable.customize(new StringSchema(), property(parent, "required",
                Body.class.getRecordComponents()[0].getAccessor().getAnnotations()));
        Schema<?> optional = nullable.customize(new StringSchema(), property(parent, "optional", new Annotation[0]));
        Schema<?> primitive = nullable.customize(new Schema<>().type("integer"), new AnnotatedType(int.class)
                .schemaProperty(true).parent(parent).propertyName("count").ctxAnnotations(new Annotation[0]));

        assertThat(required.getNullable()).isNull();
        assertThat(optional.getNullable()).isTrue();
        assertThat(primitive.getNullable()).isNull();
    }

    @Test
    void answersListEveryPropertyAsRequiredAndANullableReferenceMayBeNull() {
        NullableProperties nullable = new NullableProperties();
        Schema<?> report = new ObjectSchema().name("Report");
        nullable.customize(new ObjectSchema().name("Break"), property(report, "firstBreak", new Annotation[0]));
        OpenAPI document = new OpenAPI()
                .paths(new Paths().addPathItem("/report", new PathItem().get(new Operation().responses(
                        new ApiResponses().addApiResponse("200", new ApiResponse().content(new Content()
                                .addMediaType("application/json", new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/Report")))))))))
                .components(new io.swagger.v3.oas.models.Components()
                        .addSchemas("Report", new ObjectSchema()
                                .addProperty("status", new StringSchema())
                                .addProperty("firstBreak", new Schema<>().$ref("#/components/schemas/Break")))
                        .addSchemas("Break", new ObjectSchema().addProperty("reason", new StringSchema()))
                        .addSchemas("Unanswered", new ObjectSchema().addProperty("x", new StringSchema())));

        new LedgerOpenApi(nullable).customise(document);

        var schemas = document.getComponents().getSchemas();
        assertThat(schemas.get("Report").getRequired()).containsExactlyInAnyOrder("status", "firstBreak");
        assertThat(schemas.get("Break").getRequired()).containsExactly("reason");
        assertThat(schemas.get("Unanswered").getRequired()).isNull();
        Schema<?> firstBreak = (Schema<?>) schemas.get("Report").getProperties().get("firstBreak");
        assertThat(firstBreak.getAnyOf()).hasSize(2);
        assertThat(((Schema<?>) firstBreak.getAnyOf().get(0)).get$ref()).isEqualTo("#/components/schemas/Break");
        Schema<?> nothing = (Schema<?>) firstBreak.getAnyOf().get(1);
        assertThat(nothing.getNullable()).isTrue();
        assertThat(new java.util.ArrayList<Object>(nothing.getEnum())).containsExactly((Object) null);
        assertThat(schemas).containsKeys("Problem", "ProblemError");
        assertThat(document.getSecurity()).singleElement().satisfies(r -> assertThat(r).containsKey("bearer"));
        assertThat(document.getComponents().getSecuritySchemes().get("bearer").getBearerFormat()).isEqualTo("JWT");
    }

    @Test
    void aServicesOwnBearerSchemeIsTheOneRequired() {
        OpenAPI document = new OpenAPI().components(new io.swagger.v3.oas.models.Components().addSecuritySchemes(
                "bearer-jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));

        new LedgerOpenApi(new NullableProperties()).customise(document);

        assertThat(document.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer-jwt");
        assertThat(document.getSecurity()).singleElement().satisfies(r -> assertThat(r).containsOnlyKeys("bearer-jwt"));
    }

    /** {@code operation} as {@link ProblemResponses} documents it when the handler method of that name serves it. */
    private static Operation documented(Operation operation, String handler) throws NoSuchMethodException {
        return new ProblemResponses().customize(operation,
                new HandlerMethod(new Handlers(), Handlers.class.getMethod(handler)));
    }

    private static AnnotatedType property(Schema<?> parent, String name, Annotation[] annotations) {
        return new AnnotatedType(String.class).schemaProperty(true).parent(parent).propertyName(name)
                .ctxAnnotations(annotations);
    }
}
