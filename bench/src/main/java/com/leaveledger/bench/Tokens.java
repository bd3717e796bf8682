package com.leaveledger.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the dev-profile bearer tokens the services accept: HS256 over the UTF-8 bytes of
 * {@code LEDGER_JWT_SECRET}, claims {@code sub} (employee id), {@code roles}, {@code iat}, {@code exp}.
 */
final class Tokens {

    private final MACSigner signer;
    private final Clock clock;
    private final Duration ttl;

    Tokens(String secret, Clock clock, Duration ttl) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret must be at least 32 bytes for HS256", e);
        }
        this.clock = clock;
        this.ttl = ttl;
    }

    String mint(String subject, List<String> roles) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token for " + subject, e);
        }
        return jwt.serialize();
    }
}
