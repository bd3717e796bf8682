package com.leaveledger.support.privacy;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-employee data keys, in schema {@code ledger_keys} (created by the command side's migration V8), each
 * wrapped by the {@link KeyEncryptionKey}. Reads and writes join the caller's transaction: a key created for a
 * command is committed with the command's events, or not at all. Erasure keeps the row with its key removed, so
 * nothing can be written for the employee again (docs/adr/0033, section 5).
 */
public class DataKeyStore {

    /** A data key, or the fact that it was destroyed. */
    public sealed interface Entry permits Present, Erased {
    }

    public record Present(SecretKey key) implements Entry {
    }

    public record Erased() implements Entry {
    }

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;

    public DataKeyStore(JdbcTemplate jdbc, KeyEncryptionKey kek) {
        this.jdbc = jdbc;
        this.kek = kek;
    }

    public Optional<Entry> find(String employeeId) {
        List<Entry> rows = jdbc.query("select wrapped_key from ledger_keys.data_key where employee_id = ?",
                (rs, n) -> {
                    byte[] wrapped = rs.getBytes(1);
                    return wrapped == null ? new Erased() : new Present(kek.unwrap(employeeId, wrapped));
                }, employeeId);
        return rows.stream().findFirst();
    }

    /**
     * The employee's entry, a new key when they have none yet. Read first: a key is created once per employee but
     * read again by every instance whenever its cache entry expires, and creating one (a random key, wrapped, and an
     * insert that conflicts) only to read the stored one back cost every such read a key and a statement.
     */
    public Entry findOrCreate(String employeeId) {
        Optional<Entry> stored = find(employeeId);
        if (stored.isPresent()) {
            return stored.get();
        }
        jdbc.update("insert into ledger_keys.data_key (employee_id, wrapped_key) values (?, ?) "
                + "on conflict (employee_id) do nothing", employeeId, kek.wrap(employeeId, newKey()));
        return find(employeeId).orElseThrow();
    }

    /** Destroys the employee's key (or records that they have none); true unless they were erased already. */
    public boolean erase(String employeeId) {
        return jdbc.update("insert into ledger_keys.data_key (employee_id, wrapped_key, erased_at) values (?, null, now()) "
                + "on conflict (employee_id) do update set wrapped_key = null, erased_at = now() "
                + "where data_key.erased_at is null", employeeId) == 1;
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
