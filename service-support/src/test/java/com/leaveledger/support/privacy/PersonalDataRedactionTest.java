package com.leaveledger.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataRedactionTest {

    private final ObjectMapper json = LedgerObjectMapper.create();

    @Test
    void overwritesThePersonalComponentsOnlyAndOnce() {
        ObjectNode stored = json.valueToTree(new EmployeeRegisteredEvent(new EmployeeId("e-1"), "Eli Example",
                "enc:v1:e-1:AAAA", null, "push-1", new EmployeeId("m-1"), "DE", "BE", Set.of(Channel.EMAIL)));

        assertThat(PersonalDataRedaction.redact(stored, EmployeeRegisteredEvent.class)).isTrue();
        assertThat(stored.path("name").asText()).isEqualTo("[erased]");
        assertThat(stored.path("email").asText()).as("ciphertext too").isEqualTo("[erased]");
        assertThat(stored.path("pushToken").asText()).isEqualTo("[erased]");
        assertThat(stored.path("phone").isNull()).as("nothing to erase").isTrue();
        assertThat(stored.path("managerId").asText()).isEqualTo("m-1");
        assertThat(stored.path("country").asText()).isEqualTo("DE");
        assertThat(PersonalDataRedaction.redact(stored, EmployeeRegisteredEvent.class)).as("again").isFalse();
    }

    @Test
    void anEventWithoutPersonalDataIsLeftAlone() {
        ObjectNode stored = json.valueToTree(new SubjectErasedEvent(new EmployeeId("e-1"),
                ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));

        assertThat(PersonalDataRedaction.redact(stored, SubjectErasedEvent.class)).isFalse();
        assertThat(stored.path("reason").asText()).isEqualTo("HR-1");
        assertThat(PersonalDataRedaction.typeNamed("no.such.Event")).isNull();
        assertThat(PersonalDataRedaction.typeNamed(SubjectErasedEvent.class.getName()))
                .isEqualTo(SubjectErasedEvent.class);
    }
}
