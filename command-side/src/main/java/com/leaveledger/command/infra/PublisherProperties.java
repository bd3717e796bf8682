package com.leaveledger.command.infra;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.publisher.*}: the Kafka publisher's tracking processor (docs/adr/0005); documented in
 * {@code application.yml}.
 *
 * @param segments   segments (= threads) of the publisher's processor
 * @param batchSize  events per publisher transaction
 * @param ackTimeout how long a batch waits, in total, for Kafka's acknowledgements before it rolls back
 */
@Validated
@ConfigurationProperties("ledger.publisher")
public record PublisherProperties(@Min(1) @DefaultValue("1") int segments,
                                  @Min(1) @DefaultValue("100") int batchSize,
                                  @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration ackTimeout) {
}
