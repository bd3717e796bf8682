package com.leaveledger.support.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The one sealed form of both personal data (under a data key) and wrapped data keys (under the key-encryption key):
 * AES-GCM with a 128-bit tag, a fresh 96-bit nonce in front of the ciphertext, and associated data naming what is
 * sealed for whom, so a value moved to another employee or another use does not open.
 */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One AES-GCM cipher per thread, initialised anew (key and nonce) for every value: {@code Cipher.getInstance}
     * looks the provider up on every call, which stood out in a profile of the command side under load.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no AES-GCM", e);
        }
    });

    private AesGcm() {
    }

    /** nonce ‖ ciphertext-and-tag. */
    static byte[] seal(SecretKey key, SecureRandom random, String associatedData, byte[] plaintext)
            throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, associatedData, plaintext);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    /** The plaintext of what {@link #seal} made with the same key and associated data. */
    static byte[] open(SecretKey key, String associatedData, byte[] sealed) throws GeneralSecurityException {
        return crypt(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), associatedData,
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, String associatedData, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }
}
