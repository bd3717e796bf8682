package com.leaveledger.console.signin;

import com.leaveledger.console.ConsoleProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The dev profile's tokens, minted on the server as {@code scripts/mint-token} mints them: HS256 with the services'
 * dev secret, claims {@code sub}, {@code roles}, {@code iat} and {@code exp}.
 */
@Component
public class DevTokens {

    private final ConsoleProperties properties;
    private final Clock clock;

    public DevTokens(ConsoleProperties properties) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public ConsoleUser mint(String employeeId, Set<String> roles) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.devTokenLifetime());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(employeeId)
                .claim("roles", ConsoleUser.ROLES.stream().filter(roles::contains).toList())
                .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(properties.devJwtSecret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("ledger.console.dev-jwt-secret must be at least 32 bytes", e);
        }
        return new ConsoleUser(employeeId, Set.copyOf(roles), jwt.serialize(), expiresAt);
    }

    /** A user from a token the console did not mint (OIDC): its claims as the services will read them. */
    public static ConsoleUser fromToken(String token) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            List<String> roles = claims.getStringListClaim("roles");
            Date exp = claims.getExpirationTime();
            return new ConsoleUser(claims.getSubject(), roles == null ? Set.of() : Set.copyOf(roles), token,
                    exp == null ? Instant.EPOCH : exp.toInstant());
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("the issuer's access token is not a JWT with sub, roles and exp", e);
        }
    }
}
