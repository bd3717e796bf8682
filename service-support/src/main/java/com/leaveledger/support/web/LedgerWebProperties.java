package com.leaveledger.support.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's limits, documented in each service's {@code application.yml}.
 *
 * @param maxBodySize {@code ledger.web.max-body-size}: the largest request body taken (413 above it)
 */
@Validated
@ConfigurationProperties("ledger.web")
public record LedgerWebProperties(@NotNull @DefaultValue("64KB") DataSize maxBodySize) {
}
