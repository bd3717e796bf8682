package com.leaveledger.support.privacy;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.privacy.*}: encryption of personal data in events (docs/adr/0033, section 5).
 *
 * @param keyEncryptionKeyFile the AES-256 key-encryption key (base64 in a file, outside the database); none: the
 *                             development key, with a warning at start-up
 * @param keyCacheFor          how long a service keeps a data key in memory: the longest an erasure takes to reach
 *                             every instance (the instance that handles {@code SubjectErasedEvent} forgets at once)
 * @param keyCacheSize         how many employees' keys a service keeps in memory
 * @param encrypt              false only for a benchmark's baseline: personal data stored in plaintext, beyond erasure
 * @param createKeys           whether this service creates an employee's key when it first writes their personal
 *                             data (the command side); false for a service that only copies events (the notification
 *                             saga, the query side): an employee without a key keeps their values as they came
 */
@Validated
@ConfigurationProperties("ledger.privacy")
public record PrivacyProperties(Path keyEncryptionKeyFile,
                                @NotNull @DefaultValue("1m") Duration keyCacheFor,
                                @Min(1) @DefaultValue("100000") long keyCacheSize,
                                @DefaultValue("true") boolean encrypt,
                                @DefaultValue("true") boolean createKeys) {
}
