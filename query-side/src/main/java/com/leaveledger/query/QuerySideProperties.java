package com.leaveledger.query;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.instance-id} and {@code ledger.time-zone}, documented in {@code application.yml}.
 *
 * @param instanceId the owner of the segments this instance claims; blank means {@code query-side-<random uuid>}
 * @param timeZone   zone of "today" and of the days a request has waited (delegations, escalation), as on the
 *                   command side
 */
@Validated
@ConfigurationProperties("ledger")
public record QuerySideProperties(String instanceId, @NotNull @DefaultValue("UTC") ZoneId timeZone) {
}
