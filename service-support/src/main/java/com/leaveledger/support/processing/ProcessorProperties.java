package com.leaveledger.support.processing;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.processors.*}: what every service's tracking processors share (scale-out, ADR 0030; position
 * commits, ADR 0024); documented in each service's {@code application.yml}.
 *
 * @param tokenClaimInterval   how often a processor looks for unclaimed segments
 * @param balanceInterval      how often an instance heartbeats and rebalances its segments ({@link SegmentBalancer})
 * @param instanceTimeout      an instance silent this long is gone (below the 10 s token claim timeout)
 * @param asyncPositionCommits whether a position alone commits without waiting for the disk ({@link AsyncCommitTokenStore})
 */
@Validated
@ConfigurationProperties("ledger.processors")
public record ProcessorProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration tokenClaimInterval,
                                  @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration balanceInterval,
                                  @NotNull @DurationMin(millis = 1) @DefaultValue("6s") Duration instanceTimeout,
                                  @DefaultValue("true") boolean asyncPositionCommits) {

    /** The scale-out settings of a {@link SegmentBalancer}: an instance above its share releases for two claim intervals. */
    public SegmentBalancer.Settings balancing() {
        return new SegmentBalancer.Settings(balanceInterval, instanceTimeout, tokenClaimInterval.multipliedBy(2));
    }
}
