package com.leaveledger.command.infra;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The command path's settings under {@code ledger.*} (the Kafka publisher's are {@link PublisherProperties}); each
 * documented once, in {@code application.yml}.
 *
 * @param timeZone       zone of "today" for the rule that approved leave which has started cannot be cancelled
 * @param aggregateCache the aggregates' in-memory caches (docs/adr/0004)
 * @param idempotency    how long Idempotency-Keys and their answers are kept
 * @param eventStore     the event store's reader wake-ups (docs/adr/0014)
 */
@Validated
@ConfigurationProperties("ledger")
public record CommandSideProperties(@NotNull @DefaultValue("UTC") ZoneId timeZone,
                                    @Valid @NotNull @DefaultValue AggregateCache aggregateCache,
                                    @Valid @NotNull @DefaultValue Idempotency idempotency,
                                    @Valid @NotNull @DefaultValue EventStore eventStore) {

    /**
     * @param enabled    whether aggregates are cached; false reads every aggregate's events on each command
     * @param maxEntries entries per aggregate type, least recently used evicted first
     */
    public record AggregateCache(@DefaultValue("true") boolean enabled,
                                 @Min(1) @DefaultValue("100000") long maxEntries) {
    }

    /**
     * @param retention  how long an Idempotency-Key and its answer are kept
     * @param purgeEvery how often older ones are purged (read by {@link IdempotencyKeyRetention}'s schedule)
     */
    public record Idempotency(@NotNull @DurationMin(millis = 1) @DefaultValue("P7D") Duration retention,
                              @NotNull @DurationMin(millis = 1) @DefaultValue("PT1H") Duration purgeEvery) {
    }

    /** @param wakeUpWindow the publisher's stream is woken at most once per window after commits; 0 after each */
    public record EventStore(@NotNull @DurationMin(millis = 0) @DefaultValue("20ms") Duration wakeUpWindow) {
    }
}
