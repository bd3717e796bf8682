package com.leaveledger.command.integrity;

import com.leaveledger.verifier.CheckpointKeys;
import com.leaveledger.verifier.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Signed checkpoints: the notary's database, the signing key, the writer (docs/adr/0033, section 3). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrityProperties.class)
class IntegrityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntegrityConfiguration.class);

    @Bean(destroyMethod = "close")
    NotaryDatabase notaryDatabase(IntegrityProperties properties, DataSourceProperties dataSource) {
        return new NotaryDatabase(properties.notary(), dataSource.getUsername());
    }

    @Bean
    CheckpointRecords checkpointRecords(IntegrityProperties properties) {
        return new CheckpointRecords(properties.notary().schema());
    }

    /** The signer, if a key file is configured. */
    @Bean
    SigningKey signingKey(IntegrityProperties properties) {
        if (properties.signingKeyFile() == null) {
            log.warn("ledger.integrity.signing-key-file is not set: no checkpoints are written, and events appended "
                    + "from now on are protected by the hash chain only (docs/runbooks/verifying-the-ledger.md)");
            return new SigningKey(Optional.empty());
        }
        try {
            return new SigningKey(Optional.of(CheckpointSigner.fromFile(properties.signingKeyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger.integrity.signing-key-file "
                    + properties.signingKeyFile(), e);
        }
    }

    @Bean
    CheckpointWriter checkpointWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                      NotaryDatabase notary, CheckpointRecords records, SigningKey key,
                                      IntegrityProperties properties, Clock clock) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return key.signer().map(signer -> new CheckpointWriter(jdbc, readOnly, notary, records, signer,
                properties.checkpoints(), clock)).orElse(null);
    }

    /** The keys a verification trusts: the current signing key and the earlier ones configured by id. */
    @Bean
    TrustedKeys trustedKeys(SigningKey key, IntegrityProperties properties) {
        return new TrustedKeys(key.signer(), properties.trustedKeyIds());
    }

    record SigningKey(Optional<CheckpointSigner> signer) {
    }

    /**
     * The current key from its file, and earlier ones from the registry — only those whose id is configured, and
     * only under the id their own bytes give (a registry row cannot pass a key off as another).
     */
    record TrustedKeys(Optional<CheckpointSigner> current, java.util.List<String> earlierIds) {

        CheckpointKeys resolve(java.util.List<CheckpointRecords.RegisteredKey> registered) {
            CheckpointKeys keys = new CheckpointKeys();
            current.ifPresent(signer -> keys.add(signer.publicKey()));
            for (CheckpointRecords.RegisteredKey key : registered) {
                try {
                    java.security.PublicKey publicKey = CheckpointKeys.publicKey(key.publicKey());
                    if (earlierIds.contains(CheckpointKeys.keyId(publicKey))) {
                        keys.add(publicKey);
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("signing key {} in the registry is not an Ed25519 public key", key.keyId());
                }
            }
            return keys;
        }
    }
}
