package com.leaveledger.query.replay;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.replay.*}: rebuilding a projection into its shadow tables (ADR 0011); documented in
 * {@code application.yml}.
 *
 * @param segments        segments (= threads) of a replay's processor
 * @param batchSize       events per replay transaction
 * @param switchLag       the switch starts once the rebuild is at most this many events behind the topic
 * @param switchTimeout   how long the switch waits for the rebuild to pass the live projection
 * @param monitorInterval how often replays are checked (progress, resuming, switching)
 */
@Validated
@ConfigurationProperties("ledger.replay")
public record ReplayProperties(@Min(1) @DefaultValue("1") int segments,
                               @Min(1) @DefaultValue("1000") int batchSize,
                               @Min(0) @DefaultValue("500") long switchLag,
                               @NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration switchTimeout,
                               @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration monitorInterval) {
}
