package com.leaveledger.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.privacy.SubjectErasedException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cipher over an in-memory key store (the store's SQL is covered by the command side's ErasureIT). */
class DataKeyCipherTest {

    /** Keys in a map instead of {@code ledger_keys.data_key}. */
    private static final class InMemoryKeys extends DataKeyStore {
        final Map<String, Entry> keys = new HashMap<>();

        InMemoryKeys() {
            super(null, KeyEncryptionKey.development());
        }

        @Override
        public Optional<Entry> find(String employeeId) {
            return Optional.ofNullable(keys.get(employeeId));
        }

        @Override
        public Entry findOrCreate(String employeeId) {
            return keys.computeIfAbsent(employeeId, id -> new Present(newKey()));
        }

        @Override
        public boolean erase(String employeeId) {
            return keys.put(employeeId, new Erased()) instanceof Present;
        }

        private static javax.crypto.SecretKey newKey() {
            return new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        }
    }

    private final InMemoryKeys keys = new InMemoryKeys();
    private final EmployeeId eli = new EmployeeId("e-1");

    @Test
    void aServiceThatDoesNotCreateKeysWritesTheValuesOfAnEmployeeWithoutOneAsTheyCame() {
        DataKeyCipher copying = new DataKeyCipher(keys, Duration.ofMinutes(1), 10, false);

        assertThat(copying.encrypt(eli, "Eli Example")).isEqualTo("Eli Example");
        assertThat(keys.keys).as("no key created").isEmpty();

        new DataKeyCipher(keys, Duration.ofMinutes(1), 10).encrypt(eli, "Eli Example");
        String stored = copying.encrypt(eli, "Eli Example");
        assertThat(stored).as("a key created since is used: an absent key was not cached").startsWith("enc:v1:e-1:");
        assertThat(copying.decrypt(stored)).isEqualTo("Eli Example");

        keys.erase(eli.value());
        copying.forget(eli);
        assertThat(copying.decrypt(stored)).isEqualTo("[erased]");
        assertThat(copying.encrypt(eli, "Eli Example")).as("a copy of a plaintext event of an erased employee")
                .isEqualTo("[erased]");
    }

    @Test
    void theCommandSideWritesNothingForAnErasedEmployee() {
        DataKeyCipher commandSide = new DataKeyCipher(keys, Duration.ofMinutes(1), 10);
        commandSide.encrypt(eli, "Eli Example");
        commandSide.destroyKey(eli);

        assertThatThrownBy(() -> commandSide.encrypt(eli, "Eli Example")).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    void aValueAlteredInTheStoreIsRefusedAndTheThreadsCipherServesTheNextValues() {
        DataKeyCipher cipher = new DataKeyCipher(keys, Duration.ofMinutes(1), 10);
        String stored = cipher.encrypt(eli, "sick: flu");
        String other = cipher.encrypt(eli, "sick: flu");
        assertThat(other).as("a fresh nonce per value").isNotEqualTo(stored);

        int colon = stored.lastIndexOf(':') + 1;
        byte[] sealed = Base64.getDecoder().decode(stored.substring(colon));
        sealed[sealed.length / 2] ^= 1;
        String altered = stored.substring(0, colon) + Base64.getEncoder().encodeToString(sealed);
        assertThatThrownBy(() -> cipher.decrypt(altered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt");

        assertThat(cipher.decrypt(stored)).isEqualTo("sick: flu");
        assertThat(cipher.decrypt(cipher.encrypt(eli, "Eli Example"))).isEqualTo("Eli Example");
    }
}
