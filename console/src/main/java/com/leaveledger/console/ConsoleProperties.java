package com.leaveledger.console;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings ({@code ledger.console.*}, documented in {@code application.yml}).
 *
 * @param commandUrl        base URL of command-side
 * @param queryUrl          base URL of query-side
 * @param notificationUrl   base URL of notification-saga
 * @param timeout           connect and read timeout of every call to a service
 * @param devSignIn         the dev profile's sign-in page: pick a user and roles, the token is minted here
 * @param devJwtSecret      the services' dev HS256 secret (the same as {@code scripts/mint-token}'s)
 * @param devTokenLifetime  lifetime of a minted token, and so of a dev session's access
 */
@Validated
@ConfigurationProperties("ledger.console")
public record ConsoleProperties(
        @NotNull @DefaultValue("http://localhost:8081") URI commandUrl,
        @NotNull @DefaultValue("http://localhost:8082") URI queryUrl,
        @NotNull @DefaultValue("http://localhost:8083") URI notificationUrl,
        @NotNull @DefaultValue("5s") Duration timeout,
        @DefaultValue("false") boolean devSignIn,
        @NotNull @DefaultValue("dev-only-leave-ledger-secret-change-me-0123456789abcdef") String devJwtSecret,
        @NotNull @DefaultValue("8h") Duration devTokenLifetime) {
}
