package com.leaveledger.notification.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasure in stored saga state. The saga keeps no decision note in its state; a saga stored before it stopped doing
 * so may still hold one in {@code facts.note}: that note reads {@code [erased]} once the employee is erased.
 */
class SagaStates {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    SagaStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers the sagas changed (none when run again). */
    int erase(String employeeId) {
        List<Object[]> changed = new ArrayList<>();
        jdbc.query("select saga_id, serialized_saga from saga_entry where saga_type = ? "
                + "and position(? in convert_from(serialized_saga, 'UTF8')) > 0", rs -> {
            JsonNode state = read(rs.getBytes(2));
            if (employeeId.equals(state.path("employeeId").asText(null))
                    && state.path("facts") instanceof ObjectNode facts && facts.path("note").isTextual()
                    && !PersonalDataCipher.ERASED.equals(facts.path("note").asText())) {
                facts.put("note", PersonalDataCipher.ERASED);
                changed.add(new Object[] {write(state), rs.getString(1)});
            }
        }, LeaveNotificationSaga.class.getName(), "\"note\"");
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("update saga_entry set serialized_saga = ? where saga_id = ?", changed);
        }
        return changed.size();
    }

    private JsonNode read(byte[] state) {
        try {
            return json.readTree(state);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored saga is not JSON", e);
        }
    }

    private byte[] write(JsonNode state) {
        try {
            return json.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
