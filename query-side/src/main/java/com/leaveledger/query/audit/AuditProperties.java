package com.leaveledger.query.audit;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.audit.*}; documented in {@code application.yml}.
 *
 * @param exportFetchSize rows per cursor fetch of a streamed export
 */
@Validated
@ConfigurationProperties("ledger.audit")
public record AuditProperties(@Min(1) @DefaultValue("1000") int exportFetchSize) {
}
