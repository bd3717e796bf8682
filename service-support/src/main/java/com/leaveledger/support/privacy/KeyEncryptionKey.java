package com.leaveledger.support.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key: AES-256, held outside the database (a file, like the checkpoint signing key). Data keys are
 * stored only wrapped by it (AES-GCM, the employee id as associated data, so a wrapped key moved to another
 * employee's row does not unwrap).
 */
public final class KeyEncryptionKey {

    private static final String ASSOCIATED_DATA = "leave-ledger/data-key/v1:";
    /**
     * The development key, used when no key file is configured (tests, a laptop); the services warn at start-up.
     * Anyone can read it here: production sets {@code ledger.privacy.key-encryption-key-file}.
     */
    static final String DEVELOPMENT_KEY = "bGVhdmUtbGVkZ2VyLWRldmVsb3BtZW50LWtlay0zMmI=";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private KeyEncryptionKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256), not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Reads a file holding the key as base64 (32 bytes once decoded); {@code openssl rand -base64 32} makes one. */
    public static KeyEncryptionKey fromFile(Path file) {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key " + file, e);
        }
    }

    public static KeyEncryptionKey fromBase64(String base64) {
        return new KeyEncryptionKey(Base64.getDecoder().decode(base64));
    }

    public static KeyEncryptionKey development() {
        return fromBase64(DEVELOPMENT_KEY);
    }

    byte[] wrap(String employeeId, SecretKey dataKey) {
        try {
            return AesGcm.seal(key, random, ASSOCIATED_DATA + employeeId, dataKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of employee " + employeeId + " does not wrap", e);
        }
    }

    SecretKey unwrap(String employeeId, byte[] wrapped) {
        try {
            return new SecretKeySpec(AesGcm.open(key, ASSOCIATED_DATA + employeeId, wrapped), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of employee " + employeeId
                    + " does not unwrap with this key-encryption key", e);
        }
    }
}
