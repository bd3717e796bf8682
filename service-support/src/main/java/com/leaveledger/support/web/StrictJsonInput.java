package com.leaveledger.support.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * How the services read JSON request bodies: strictly. A copy of the service's {@link ObjectMapper} (the one that
 * also (de)serializes stored events, which stays tolerant so that old events keep reading) with
 * <ul>
 * <li>unknown properties, trailing tokens after the value and duplicate keys refused;</li>
 * <li>no coercion of scalars: {@code "true"} or {@code 1} is not a boolean, {@code "3"} not a number, {@code 3} or
 * {@code true} not a string, a float not an integer; an empty string is no date, number or enum;</li>
 * <li>enum values by their exact name only: no index ({@code 0}), no surrounding whitespace ({@code "ANNUAL "});</li>
 * <li>no {@code null} inside an array or object value ({@code [null]}); a boolean left out or {@code null} is
 * {@code false} (clients leave half days out);</li>
 * <li>dates not lenient ({@code 2027-02-30} and a date-time for a date are refused).</li>
 * </ul>
 * Writing is unchanged: every setting here is about reading.
 */
public final class StrictJsonInput {

    private StrictJsonInput() {
    }

    /** A strict copy of {@code mapper}; {@code mapper} itself is left as it is. */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the only way short of rebuilding it
    public static ObjectMapper copyOf(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        strict.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.setDefaultLeniency(false);
        strict.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        strict.registerModule(new SimpleModule("ledger-exact-text").setDeserializerModifier(new ExactText()));
        return strict;
    }

    /**
     * Jackson trims an enum's name before looking it up again, and a date's or an instant's text before parsing it
     * (so a date with a control character before it was a date); here the text must be exactly the name or the ISO
     * form, nothing around it.
     */
    private static final class ExactText extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description, JsonDeserializer<?> deserializer) {
            return new ExactTextDeserializer(deserializer);
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return type.getPackageName().equals("java.time") ? new ExactTextDeserializer(deserializer) : deserializer;
        }
    }

    private static final class ExactTextDeserializer extends DelegatingDeserializer {

        ExactTextDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactTextDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (text.isEmpty() || !text.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    return context.handleWeirdStringValue(handledType(), text,
                            "not an exact name or ISO form (no spaces or control characters around or in it)");
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
