package com.leaveledger.support.privacy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data in event JSON kept as published (the audit log): {@link #reveal} shows a reader the plaintext of
 * each ciphertext, or {@code [erased]}, leaving every other byte as it was; {@link #redact} blanks the personal
 * fields of an event stored in plaintext before encryption existed (docs/adr/0033, section 5).
 */
public class PersonalDataJson {

    /** A stored ciphertext as a JSON string: base64 and the id need no escaping. */
    private static final Pattern CIPHERTEXT = Pattern.compile("\"(" + Pattern.quote(PersonalDataCipher.PREFIX)
            + "[^\":\\\\]+:[A-Za-z0-9+/=]+)\"");

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;

    public PersonalDataJson(PersonalDataCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** Drops the erased employee's cached key at once (the cache would drop it within its lifetime anyway). */
    public void forget(EmployeeId subject) {
        cipher.forget(subject);
    }

    /** The JSON with each ciphertext string replaced by its plaintext (or {@code [erased]}). */
    public String reveal(String eventJson) {
        if (eventJson == null || !eventJson.contains(PersonalDataCipher.PREFIX)) {
            return eventJson;
        }
        Matcher matcher = CIPHERTEXT.matcher(eventJson);
        StringBuilder out = new StringBuilder(eventJson.length());
        while (matcher.find()) {
            String plain = cipher.decrypt(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(plain)) + "\""));
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * The JSON of an event of type {@code payloadType} with its {@code @PersonalData} fields that are still
     * plaintext set to {@code [erased]}; the JSON unchanged when it has none (ciphertexts are left alone: destroying
     * the key erased them). The fields are those {@link PersonalDataRedaction} names.
     */
    public String redact(String payloadType, String eventJson) {
        Class<?> type = PersonalDataRedaction.typeNamed(payloadType);
        if (type == null || PersonalDataRedaction.personalComponents(type).isEmpty()) {
            return eventJson;
        }
        try {
            JsonNode tree = json.readTree(eventJson);
            if (!(tree instanceof ObjectNode object)) {
                return eventJson;
            }
            boolean changed = false;
            for (String field : PersonalDataRedaction.personalComponents(type)) {
                JsonNode value = object.get(field);
                if (value != null && value.isTextual() && !PersonalDataCipher.isCiphertext(value.asText())
                        && !PersonalDataCipher.ERASED.equals(value.asText())) {
                    object.put(field, PersonalDataCipher.ERASED);
                    changed = true;
                }
            }
            return changed ? json.writeValueAsString(object) : eventJson;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an event payload that is not JSON", e);
        }
    }
}
