package com.leaveledger.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.instance-id}: the name of this instance, documented in {@code application.yml}.
 *
 * @param instanceId the owner of the segments this instance claims; blank means {@code query-side-<random uuid>}
 */
@Validated
@ConfigurationProperties("ledger")
public record QuerySideProperties(String instanceId) {
}
