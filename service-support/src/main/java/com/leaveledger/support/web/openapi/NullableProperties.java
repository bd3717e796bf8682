package com.leaveledger.support.web.openapi;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A property of a request or answer may be {@code null} unless it is of a primitive type or validated
 * {@code @NotNull}, {@code @NotBlank} or {@code @NotEmpty}: our records are read and written by Jackson as they are,
 * so a reference the code does not require is one a client may send, and receive, as {@code null}. A property of
 * another schema's type is only noted here ({@link #nullableReference}): it becomes a {@code $ref}, which OpenAPI 3.0
 * cannot mark nullable, so {@link LedgerOpenApi} wraps it once the document is complete. A {@code @JsonRawValue}
 * is written as the JSON it holds, so its schema is any JSON value rather than a string.
 */
public class NullableProperties implements PropertyCustomizer {

    private static final Set<Class<? extends Annotation>> NOT_NULL = Set.of(NotNull.class, NotBlank.class,
            NotEmpty.class);

    /** "Schema.property" of each nullable property whose type is another schema. */
    private final Set<String> nullableReferences = ConcurrentHashMap.newKeySet();

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || !type.isSchemaProperty() || type.getType() == null
                || TypeFactory.defaultInstance().constructType(type.getType()).isPrimitive()) {
            return property;
        }
        Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
        boolean raw = false;
        for (Annotation annotation : annotations) {
            if (NOT_NULL.contains(annotation.annotationType())) {
                return property;
            }
            raw |= annotation.annotationType() == JsonRawValue.class;
        }
        if (raw) {
            return new Schema<>().description("any JSON value, written as stored").nullable(true);
        }
        if (property.get$ref() != null || property.getName() != null) {
            if (type.getParent() != null && type.getParent().getName() != null) {
                nullableReferences.add(type.getParent().getName() + "." + type.getPropertyName());
            }
            return property;
        }
        property.setNullable(true);
        return property;
    }

    /** Whether property {@code property} of schema {@code schema}, of another schema's type, may be null. */
    boolean nullableReference(String schema, String property) {
        return nullableReferences.contains(schema + "." + property);
    }
}
