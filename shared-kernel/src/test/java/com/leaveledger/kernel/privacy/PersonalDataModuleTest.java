package com.leaveledger.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataModuleTest {

    /** Reversible, keyed by subject, and forgetful: enough to see what the module sends through a cipher. */
    static final class ReversibleCipher implements PersonalDataCipher {
        final Set<String> erased = new HashSet<>();

        @Override
        public String encrypt(EmployeeId subject, String plaintext) {
            if (erased.contains(subject.value())) {
                throw new SubjectErasedException(subject);
            }
            return PREFIX + subject.value() + ":" + Base64.getEncoder().encodeToString(plaintext.getBytes());
        }

        @Override
        public String decrypt(String stored) {
            if (erased.contains(PersonalDataCipher.subjectOf(stored).value())) {
                return ERASED;
            }
            return new String(Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1)));
        }
    }

    private final ReversibleCipher cipher = new ReversibleCipher();
    private final ObjectMapper events = LedgerObjectMapper.create().registerModule(new PersonalDataModule(cipher));
    private final EmployeeRegisteredEvent registered = new EmployeeRegisteredEvent(new EmployeeId("e-1"),
            "Eli Example", "eli@example.com", null, "push-1", null, "DE", "BE", Set.of(Channel.EMAIL));

    @Test
    void personalComponentsAreWrittenEncryptedUnderTheEventsEmployee() throws Exception {
        JsonNode json = events.readTree(events.writeValueAsBytes(registered));

        assertThat(json.path("name").asText()).startsWith("enc:v1:e-1:").doesNotContain("Eli");
        assertThat(json.path("email").asText()).startsWith("enc:v1:e-1:");
        assertThat(json.path("pushToken").asText()).startsWith("enc:v1:e-1:");
        assertThat(json.path("phone").isNull()).as("a null stays null").isTrue();
        assertThat(json.path("country").asText()).as("not personal data").isEqualTo("DE");
        assertThat(json.path("employeeId").asText()).isEqualTo("e-1");
    }

    @Test
    void readsBackThePlaintextUntilTheKeyIsDestroyed() throws Exception {
        byte[] stored = events.writeValueAsBytes(registered);

        assertThat(events.readValue(stored, EmployeeRegisteredEvent.class)).isEqualTo(registered);
        cipher.erased.add("e-1");
        EmployeeRegisteredEvent read = events.readValue(stored, EmployeeRegisteredEvent.class);
        assertThat(read.name()).isEqualTo("[erased]");
        assertThat(read.email()).isEqualTo("[erased]");
        assertThat(read.country()).isEqualTo("DE");
    }

    @Test
    void aValueThatLooksLikeACiphertextIsEncryptedToo() throws Exception {
        String foreign = cipher.encrypt(new EmployeeId("victim"), "secret");
        BalanceAdjustedEvent adjusted = new BalanceAdjustedEvent(
                new LeaveAccountId(new EmployeeId("e-1"), LeaveType.ANNUAL, 2027), BigDecimal.ONE, foreign);

        JsonNode json = events.readTree(events.writeValueAsBytes(adjusted));
        assertThat(json.path("reason").asText()).startsWith("enc:v1:e-1:");
        assertThat(events.treeToValue(json, BalanceAdjustedEvent.class).reason())
                .as("read back as the literal text it was, not decrypted a second time").isEqualTo(foreign);
    }

    @Test
    void anErasedValueIsCopiedAsIsWithoutTheKey() throws Exception {
        byte[] stored = events.writeValueAsBytes(registered);
        cipher.erased.add("e-1");
        EmployeeRegisteredEvent read = events.readValue(stored, EmployeeRegisteredEvent.class);

        JsonNode copy = events.readTree(events.writeValueAsBytes(read));
        assertThat(copy.path("name").asText()).as("no key needed: nothing to protect").isEqualTo("[erased]");
        assertThat(copy.path("email").asText()).isEqualTo("[erased]");
        assertThat(copy.path("country").asText()).isEqualTo("DE");
    }

    @Test
    void withoutTheModuleEventsStayPlain() throws Exception {
        JsonNode json = LedgerObjectMapper.create().readTree(LedgerObjectMapper.create().writeValueAsBytes(registered));
        assertThat(json.path("name").asText()).isEqualTo("Eli Example");
    }
}
