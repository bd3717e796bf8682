package com.leaveledger.command.observability;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.observability.publisher.*}: the Kafka publisher's lag and gap detector ({@code command.infra.axon.PublicationMonitor});
 * documented in {@code application.yml}.
 *
 * @param interval       how often the event store's head and the publisher's position are sampled
 * @param watchMissedFor how long an index the publisher passed is watched for a late commit into it
 */
@Validated
@ConfigurationProperties("ledger.observability.publisher")
public record PublicationMonitorProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration interval,
                                           @NotNull @DurationMin(millis = 1) @DefaultValue("15m") Duration watchMissedFor) {
}
