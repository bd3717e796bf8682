package com.leaveledger.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys checkpoints may be signed with, by key id. A key id is derived from the key (the first 16 bytes
 * of SHA-256 over its X.509 encoding, in hex), so a registry cannot name a key with another key's id.
 */
public final class CheckpointKeys {

    private final Map<String, PublicKey> keys = new LinkedHashMap<>();

    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(EventHashes.sha256().digest(key.getEncoded()), 0, 16);
    }

    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public CheckpointKeys add(PublicKey key) {
        keys.put(keyId(key), key);
        return this;
    }

    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** Every key, in the order added. */
    public Collection<PublicKey> all() {
        return List.copyOf(keys.values());
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Whether {@code checkpoint} was signed by the trusted key it names. */
    public boolean verifies(Checkpoint checkpoint) {
        Optional<PublicKey> key = key(checkpoint.keyId());
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key.get());
            signature.update(checkpoint.canonical());
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
