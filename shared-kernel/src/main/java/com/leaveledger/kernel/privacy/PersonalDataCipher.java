package com.leaveledger.kernel.privacy;

import com.leaveledger.kernel.employee.EmployeeId;

/**
 * Encrypts personal data under its subject's data key and decrypts it again. The stored form of a value is
 * {@code enc:v1:<employeeId>:<base64(nonce || ciphertext || tag)>}, AES-256-GCM (docs/adr/0033, section 5).
 */
public interface PersonalDataCipher {

    /** What is shown in place of a value whose subject was erased. */
    String ERASED = "[erased]";

    /** The prefix of every stored ciphertext. */
    String PREFIX = "enc:v1:";

    /**
     * @return the stored form of {@code plaintext}
     * @throws SubjectErasedException when the subject's key was destroyed: nothing new is written for them
     */
    String encrypt(EmployeeId subject, String plaintext);

    /** @return the plaintext of a stored ciphertext, or {@link #ERASED} when its key was destroyed */
    String decrypt(String stored);

    /** Drops whatever this process keeps of the employee's key (a consumer of {@code SubjectErasedEvent} calls it). */
    default void forget(EmployeeId subject) {
    }

    static boolean isCiphertext(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The employee whose key a stored ciphertext is under. */
    static EmployeeId subjectOf(String stored) {
        int end = stored.indexOf(':', PREFIX.length());
        if (!isCiphertext(stored) || end < 0) {
            throw new IllegalArgumentException("not a stored ciphertext");
        }
        return new EmployeeId(stored.substring(PREFIX.length(), end));
    }
}
