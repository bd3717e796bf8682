package com.leaveledger.support.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.privacy.PersonalDataModule;
import javax.sql.DataSource;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal data in events encrypted under per-employee keys (docs/adr/0033, section 5): the key store, the cipher,
 * and the event serializer that uses them. That serializer is Axon's own Jackson one over a copy of the service's
 * {@code defaultAxonObjectMapper} with {@link PersonalDataModule} added; HTTP bodies keep the plain mapper, so no
 * client can have a ciphertext decrypted for them.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass({JacksonSerializer.class, JdbcTemplate.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PersonalDataAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataAutoConfiguration.class);

    @Bean
    DataKeyCipher personalDataCipher(DataSource dataSource, PrivacyProperties properties) {
        KeyEncryptionKey kek;
        if (properties.keyEncryptionKeyFile() == null) {
            log.warn("Personal data is encrypted under the DEVELOPMENT key-encryption key: set "
                    + "ledger.privacy.key-encryption-key-file (docs/runbooks/erasure-requests.md)");
            kek = KeyEncryptionKey.development();
        } else {
            kek = KeyEncryptionKey.fromFile(properties.keyEncryptionKeyFile());
        }
        return new DataKeyCipher(new DataKeyStore(new JdbcTemplate(dataSource), kek), properties.keyCacheFor(),
                properties.keyCacheSize(), properties.createKeys());
    }

    @Bean
    PersonalDataJson personalDataJson(DataKeyCipher cipher) {
        return new PersonalDataJson(cipher, LedgerObjectMapper.create()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS));
    }

    /**
     * Replaces Axon's default event serializer (same builder settings) by one that encrypts and decrypts.
     * {@code ledger.privacy.encrypt=false} keeps Axon's own, for a benchmark's baseline only: personal data is then
     * stored in plaintext and an erasure cannot reach it.
     */
    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnProperty(name = "ledger.privacy.encrypt", havingValue = "true", matchIfMissing = true)
    Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper mapper,
                               RevisionResolver revisionResolver, DataKeyCipher cipher) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(mapper.copy().registerModule(new PersonalDataModule(cipher)))
                .build();
    }
}
