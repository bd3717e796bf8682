package com.leaveledger.support.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key: AES-256, held outside the database (a file, like the checkpoint signing key). Data keys are
 * stored only wrapped by it (AES-GCM, the employee id as associated data, so a wrapped key moved to another
 * employee's row does not unwrap).
 */
public final class KeyEncryptionKey {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, employeeId, dataKey.getEncoded());
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    SecretKey unwrap(String employeeId, byte[] wrapped) {
        byte[] raw = crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(wrapped, NONCE_BYTES), employeeId,
                Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length));
        return new SecretKeySpec(raw, "AES");
    }

    private byte[] crypt(int mode, byte[] nonce, String employeeId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(("leave-ledger/data-key/v1:" + employeeId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of employee " + employeeId
                    + " does not unwrap with this key-encryption key", e);
        }
    }
}
