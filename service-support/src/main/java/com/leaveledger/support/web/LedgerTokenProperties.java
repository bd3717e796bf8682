package com.leaveledger.support.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a bearer token may claim ({@link LedgerTokenValidator}), beside {@code ledger.jwt.secret} and
 * {@code ledger.jwt.cache.*}; documented in each service's {@code application.yml}.
 *
 * @param maxLifetime {@code ledger.jwt.max-lifetime}: the longest a token may live ({@code exp} minus {@code iat})
 * @param clockSkew   {@code ledger.jwt.clock-skew}: the leeway for an {@code iat} ahead of this clock
 */
@Validated
@ConfigurationProperties("ledger.jwt")
public record LedgerTokenProperties(@NotNull @DefaultValue("PT24H") Duration maxLifetime,
                                    @NotNull @DefaultValue("PT60S") Duration clockSkew) {
}
