package com.leaveledger.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PersonalDataJsonTest {

    /** Base64 "encryption" that forgets employee "gone": enough to see what the reader sends through a cipher. */
    private final PersonalDataCipher cipher = new PersonalDataCipher() {
        @Override
        public String encrypt(EmployeeId subject, String plaintext) {
            return PREFIX + subject.value() + ":" + Base64.getEncoder().encodeToString(plaintext.getBytes());
        }

        @Override
        public String decrypt(String stored) {
            return PersonalDataCipher.subjectOf(stored).value().equals("gone") ? ERASED
                    : new String(Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1)));
        }
    };
    private final PersonalDataJson personal = new PersonalDataJson(cipher,
            LedgerObjectMapper.create().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS));

    @Test
    void revealsEachCiphertextAndLeavesEveryOtherByte() {
        String stored = "{\"employeeId\":\"e-1\",\"reason\":\"" + cipher.encrypt(new EmployeeId("e-1"),
                "a \"quoted\" reason\n") + "\",\"workingDays\":5.0,\"other\":\"" + cipher.encrypt(new EmployeeId("gone"),
                "x") + "\"}";

        assertThat(personal.reveal(stored)).isEqualTo("{\"employeeId\":\"e-1\",\"reason\":\"a \\\"quoted\\\" reason\\n\","
                + "\"workingDays\":5.0,\"other\":\"[erased]\"}");
        assertThat(personal.reveal("{\"days\":2.50}")).isEqualTo("{\"days\":2.50}");
    }

    @Test
    void redactsThePlaintextPersonalFieldsOfAKnownEventType() {
        String legacy = "{\"employeeId\":\"e-1\",\"name\":\"Eli\",\"email\":\"eli@example.com\",\"phone\":null,"
                + "\"country\":\"DE\"}";

        assertThat(personal.redact(EmployeeRegisteredEvent.class.getName(), legacy)).isEqualTo(
                "{\"employeeId\":\"e-1\",\"name\":\"[erased]\",\"email\":\"[erased]\",\"phone\":null,\"country\":\"DE\"}");
        assertThat(personal.redact("com.example.Unknown", legacy)).isEqualTo(legacy);
        assertThat(PersonalDataRedaction.personalComponents(LeaveRequestedEvent.class)).containsExactly("reason");
    }
}
