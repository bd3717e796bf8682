package com.leaveledger.query.projection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.projections.*}: the live projections' processors; documented in {@code application.yml}.
 *
 * @param segments        segments (= threads) of each projection's tracking processor
 * @param batchSize       most events per projection transaction
 * @param carefulWindow   how long events are written one by one after a batch's write failed
 * @param deadLetters     bounds of each projection's dead-letter queue
 * @param metricsInterval how often every projection's lag, dead letters and state are sampled
 * @param sharedSource    whether the live projections share one Kafka reader (ADR 0034)
 * @param sharedWindow    messages the fastest projection may be ahead of the slowest in the shared window
 */
@Validated
@ConfigurationProperties("ledger.projections")
public record ProjectionProperties(@Min(1) @DefaultValue("1") int segments,
                                   @Min(1) @DefaultValue("500") int batchSize,
                                   @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration carefulWindow,
                                   @Valid @NotNull @DefaultValue DeadLetters deadLetters,
                                   @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration metricsInterval,
                                   @DefaultValue("true") boolean sharedSource,
                                   @Min(1) @DefaultValue("4096") int sharedWindow) {

    /**
     * @param maxSequences    employees with dead letters at most, per projection
     * @param maxSequenceSize dead letters per employee at most
     */
    public record DeadLetters(@Min(1) @DefaultValue("10000") int maxSequences,
                              @Min(1) @DefaultValue("10000") int maxSequenceSize) {
    }
}
