package com.leaveledger.support.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Erasure of a stored copy of an event that a consumer may rewrite (its own table, not the ledger): every component
 * of the event's record type marked {@link PersonalData} that holds text is overwritten with
 * {@link PersonalDataCipher#ERASED} in the event's JSON, whether it was stored as plaintext or as ciphertext. The
 * JSON keeps its shape, so the copy still reads as the event it was (docs/adr/0033, section 5).
 */
public final class PersonalDataRedaction {

    private static final Map<Class<?>, List<String>> PERSONAL = new ConcurrentHashMap<>();

    private PersonalDataRedaction() {
    }

    /** The names of {@code type}'s components marked {@link PersonalData}: none unless it is a record. */
    public static List<String> personalComponents(Class<?> type) {
        return PERSONAL.computeIfAbsent(type, t -> t.isRecord() ? Arrays.stream(t.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(PersonalData.class)).map(RecordComponent::getName).toList()
                : List.of());
    }

    /**
     * Overwrites {@code type}'s personal components present as text in {@code json} with {@code [erased]}.
     *
     * @return true if anything changed (false again for a copy erased already)
     */
    public static boolean redact(ObjectNode json, Class<?> type) {
        boolean changed = false;
        for (String name : personalComponents(type)) {
            JsonNode value = json.get(name);
            if (value != null && value.isTextual() && !PersonalDataCipher.ERASED.equals(value.asText())) {
                json.put(name, PersonalDataCipher.ERASED);
                changed = true;
            }
        }
        return changed;
    }

    /** The class of a stored payload type, or null when this service does not know it. */
    public static Class<?> typeNamed(String className) {
        try {
            return Class.forName(className, false, PersonalDataRedaction.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
