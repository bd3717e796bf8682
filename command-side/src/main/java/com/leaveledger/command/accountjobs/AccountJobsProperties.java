package com.leaveledger.command.accountjobs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.account-jobs.*}: the scheduled accrual and lapse of carried days (documented in application.yml).
 *
 * @param enabled      whether this instance runs the schedule (the admin endpoints work either way)
 * @param initialDelay the first check after start-up
 * @param checkEvery   the time between checks
 * @param actor        the actor recorded in the events' metadata
 */
@Validated
@ConfigurationProperties("ledger.account-jobs")
public record AccountJobsProperties(@DefaultValue("true") boolean enabled,
                                    @NotNull @DurationMin(millis = 1) @DefaultValue("PT1M") Duration initialDelay,
                                    @NotNull @DurationMin(millis = 1) @DefaultValue("PT1H") Duration checkEvery,
                                    @NotBlank @DefaultValue("ledger-scheduler") String actor) {
}
