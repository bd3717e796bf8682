package com.leaveledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static final Instant NOW = Instant.parse("2027-01-04T08:00:00Z");

    @Test
    void mintsAnHs256TokenTheServicesCanVerifyWithTheSharedSecret() throws Exception {
        Tokens tokens = new Tokens(Options.DEFAULT_SECRET, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

        SignedJWT jwt = SignedJWT.parse(tokens.mint("bench-e-000001", List.of("EMPLOYEE", "MANAGER")));

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new MACVerifier(Options.DEFAULT_SECRET.getBytes(StandardCharsets.UTF_8))));
        assertEquals("bench-e-000001", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("EMPLOYEE", "MANAGER"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(NOW.plus(Duration.ofHours(1)), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }
}
