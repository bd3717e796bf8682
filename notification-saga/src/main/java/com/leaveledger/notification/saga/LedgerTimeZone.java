package com.leaveledger.notification.saga;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.time-zone}: the zone whose dates the saga counts reminders and escalations in, set alike on the
 * command side and the query side (docs/adr/0043).
 *
 * @param timeZone zone of the day a request started waiting, and of the working days counted from it
 */
@Validated
@ConfigurationProperties("ledger")
public record LedgerTimeZone(@NotNull @DefaultValue("UTC") ZoneId timeZone) {
}
