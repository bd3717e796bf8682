package com.leaveledger.support.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.kernel.privacy.SubjectErasedException;
import com.leaveledger.support.privacy.DataKeyStore.Entry;
import com.leaveledger.support.privacy.DataKeyStore.Erased;
import com.leaveledger.support.privacy.DataKeyStore.Present;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * AES-256-GCM under each employee's data key: a fresh 96-bit nonce per value, {@code leave-ledger/personal-data/v1:}
 * and the employee id as associated data. Keys are cached; an entry read or created inside a transaction is cached
 * only once that transaction committed, so a rolled-back key is never used.
 * <p>
 * A consumer that only copies events ({@code createKeys} false: the notification saga) never creates a key: an
 * employee without one (registered before personal data was encrypted) has their values written as they came, in
 * plaintext, like their events in the ledger; an erased employee's values are written as {@code [erased]} (a copy of
 * a plaintext event of theirs keeps nothing, and never fails) (docs/adr/0033, section 5).
 */
public class DataKeyCipher implements PersonalDataCipher {

    private static final int NONCE_BYTES = 12;
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

    private final DataKeyStore store;
    private final Cache<String, Entry> cache;
    private final SecureRandom random = new SecureRandom();
    private final boolean createKeys;

    public DataKeyCipher(DataKeyStore store, Duration cacheFor, long cacheSize) {
        this(store, cacheFor, cacheSize, true);
    }

    /**
     * @param createKeys false: a subject without a key gets none, their values are written as they are; an erased
     *                   subject's values are written as {@code [erased]} instead of refused
     */
    public DataKeyCipher(DataKeyStore store, Duration cacheFor, long cacheSize, boolean createKeys) {
        this.store = store;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(cacheSize).build();
        this.createKeys = createKeys;
    }

    @Override
    public String encrypt(EmployeeId subject, String plaintext) {
        Entry entry = lookup(subject.value(), createKeys ? () -> store.findOrCreate(subject.value())
                : () -> store.find(subject.value()).orElse(null));
        if (entry == null) {
            return plaintext;
        }
        if (!(entry instanceof Present present)) {
            if (!createKeys) {
                return ERASED;
            }
            throw new SubjectErasedException(subject);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, present.key(), nonce, subject.value(),
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        return PREFIX + subject.value() + ":" + Base64.getEncoder().encodeToString(out);
    }

    @Override
    public String decrypt(String stored) {
        String subject = PersonalDataCipher.subjectOf(stored).value();
        Entry entry = lookup(subject, () -> store.find(subject).orElseThrow(() -> new IllegalStateException(
                "no data key for employee " + subject + ": the key store and the events disagree")));
        if (!(entry instanceof Present present)) {
            return ERASED;
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(stored.indexOf(':', PREFIX.length()) + 1));
        byte[] plain = crypt(Cipher.DECRYPT_MODE, present.key(), Arrays.copyOf(sealed, NONCE_BYTES),
                subject, Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * Destroys the employee's key in the caller's transaction; once it commits, this service forgets the key too.
     *
     * @return false when the employee was erased already
     */
    public boolean destroyKey(EmployeeId subject) {
        boolean destroyed = store.erase(subject.value());
        remember(subject.value(), new Erased());
        return destroyed;
    }

    @Override
    public void forget(EmployeeId subject) {
        cache.invalidate(subject.value());
    }

    /**
     * A cached entry, else one loaded now and cached when (and if) the current transaction commits; null (never
     * cached) when there is none.
     */
    private Entry lookup(String subject, Supplier<Entry> load) {
        Entry cached = cache.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        Map<String, Entry> pending = pending();
        if (pending == null) {
            Entry entry = load.get();
            if (entry != null) {
                cache.put(subject, entry);
            }
            return entry;
        }
        return pending.computeIfAbsent(subject, s -> load.get());
    }

    private void remember(String subject, Entry entry) {
        Map<String, Entry> pending = pending();
        if (pending == null) {
            cache.put(subject, entry);
        } else {
            pending.put(subject, entry);
        }
    }

    /** The entries this transaction read or wrote, cached after it commits; null outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<String, Entry> pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Entry> pending = (Map<String, Entry>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Map<String, Entry> entries = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, entries);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.putAll(entries);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(DataKeyCipher.this);
                }
            });
            pending = entries;
        }
        return pending;
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, String subject, byte[] input) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(("leave-ledger/personal-data/v1:" + subject).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of employee " + subject + " does not decrypt", e);
        }
    }
}
