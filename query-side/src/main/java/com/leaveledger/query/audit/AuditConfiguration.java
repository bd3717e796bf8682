package com.leaveledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.privacy.PersonalDataJson;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail's queries and streamed exports ({@code ledger.audit.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean
    AuditQueries auditQueries(JdbcTemplate jdbc, PersonalDataJson personalData) {
        return new AuditQueries(jdbc, personalData);
    }

    /** Streamed exports: a read-only transaction and a cursor of {@code ledger.audit.export-fetch-size} rows. */
    @Bean
    AuditExport auditExport(DataSource dataSource, PlatformTransactionManager transactionManager, ObjectMapper json,
                            AuditProperties properties, PersonalDataJson personalData) {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        return new AuditExport(dataSource, readOnly, json, properties.exportFetchSize(), personalData);
    }
}
