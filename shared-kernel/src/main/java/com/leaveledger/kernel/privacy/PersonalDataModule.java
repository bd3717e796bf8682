package com.leaveledger.kernel.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.leaveledger.kernel.LedgerEvent;
import java.io.IOException;
import java.util.List;

/**
 * Jackson module of the services' event serializers (never of their HTTP bodies): components marked
 * {@link PersonalData} of a {@link LedgerEvent} are written as ciphertext under the event's employee's key, and every
 * stored ciphertext read back is decrypted, or reads {@link PersonalDataCipher#ERASED} once its key is destroyed.
 * Hashes, the event store and Kafka only ever see the ciphertext (docs/adr/0033, section 5).
 */
public final class PersonalDataModule extends SimpleModule {

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("leave-ledger-personal-data");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                if (!LedgerEvent.class.isAssignableFrom(bean.getBeanClass())) {
                    return properties;
                }
                return properties.stream()
                        .map(p -> p.getAnnotation(PersonalData.class) == null ? p : new Encrypting(p, cipher))
                        .toList();
            }
        });
        addDeserializer(String.class, new Decrypting(cipher));
    }

    /**
     * Writes a personal text component as the ciphertext of its value, always: a value that merely looks like a
     * ciphertext is encrypted too, so nobody can have another employee's ciphertext decrypted into their event. The
     * one exception is {@link PersonalDataCipher#ERASED}: it holds nothing to protect and is written as is, so a
     * consumer that stores a copy of an erased employee's event (read as {@code [erased]}) needs no key for it and
     * cannot fail on it.
     */
    private static final class Encrypting extends BeanPropertyWriter {

        private final transient PersonalDataCipher cipher;

        Encrypting(BeanPropertyWriter base, PersonalDataCipher cipher) {
            super(base);
            this.cipher = cipher;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            Object value = get(bean);
            if (!(value instanceof String text) || PersonalDataCipher.ERASED.equals(text)) {
                super.serializeAsField(bean, gen, prov);
                return;
            }
            gen.writeStringField(getName(), cipher.encrypt(((LedgerEvent) bean).employeeId(), text));
        }
    }

    /** Reads strings as usual, and stored ciphertexts as their plaintext (or the erased marker). */
    private static final class Decrypting extends StdScalarDeserializer<String> {

        private final transient PersonalDataCipher cipher;

        Decrypting(PersonalDataCipher cipher) {
            super(String.class);
            this.cipher = cipher;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = p.hasToken(JsonToken.VALUE_STRING) ? p.getText()
                    : StringDeserializer.instance.deserialize(p, ctxt);
            return PersonalDataCipher.isCiphertext(value) ? cipher.decrypt(value) : value;
        }
    }
}
