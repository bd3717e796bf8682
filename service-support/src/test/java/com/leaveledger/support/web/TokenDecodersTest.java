package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * {@link LedgerTokenValidator} runs in both decoders a service can end up with: the dev profile's HS256 one and
 * Spring Boot's JWK-set one (behind {@link CachingJwtDecoder} either way).
 */
class TokenDecodersTest {

    private static final String SECRET = "test-secret-of-at-least-thirty-two-bytes-0123456789";

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
                    OAuth2ResourceServerAutoConfiguration.class, LedgerWebSupportAutoConfiguration.class,
                    LedgerTokenAutoConfiguration.class));
    private HttpServer jwks;

    @AfterEach
    void stop() {
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void theDevDecoderChecksTheClaims() throws Exception {
        MACSigner signer = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
        context.withInitializer(c -> c.getEnvironment().setActiveProfiles("dev"))
                .withPropertyValues("ledger.jwt.secret=" + SECRET)
                .run(c -> expectClaimsChecked(c.getBean(JwtDecoder.class), signer, JWSAlgorithm.HS256));
    }

    @Test
    void springBootsJwkSetDecoderChecksTheClaims() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        byte[] set = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, set.length);
            exchange.getResponseBody().write(set);
            exchange.close();
        });
        jwks.start();
        context.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:"
                        + jwks.getAddress().getPort() + "/jwks")
                .run(c -> {
                    assertThat(c.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class);
                    expectClaimsChecked(c.getBean(JwtDecoder.class), new RSASSASigner(key), JWSAlgorithm.RS256);
                });
    }

    @Test
    void theMaximumLifetimeIsASetting() throws Exception {
        MACSigner signer = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
        context.withInitializer(c -> c.getEnvironment().setActiveProfiles("dev"))
                .withPropertyValues("ledger.jwt.secret=" + SECRET, "ledger.jwt.max-lifetime=PT1H")
                .run(c -> {
                    JwtDecoder decoder = c.getBean(JwtDecoder.class);
                    assertThat(decoder.decode(sign(signer, JWSAlgorithm.HS256, b -> b.expirationTime(in(3600))))
                            .getSubject()).isEqualTo("eli");
                    assertThatThrownBy(() -> decoder.decode(sign(signer, JWSAlgorithm.HS256,
                            b -> b.expirationTime(in(3700))))).isInstanceOf(JwtValidationException.class)
                            .hasMessageContaining("PT1H");
                });
    }

    private static void expectClaimsChecked(JwtDecoder decoder, JWSSigner signer, JWSAlgorithm algorithm)
            throws Exception {
        assertThat(decoder.decode(sign(signer, algorithm, b -> b)).getSubject()).isEqualTo("eli");
        // scripts/mint-token's default
        assertThat(decoder.decode(sign(signer, algorithm, b -> b.expirationTime(in(8 * 3600)))).getSubject())
                .isEqualTo("eli");
        for (UnaryOperator<JWTClaimsSet.Builder> bad : List.<UnaryOperator<JWTClaimsSet.Builder>>of(
                b -> b.subject(null),
                b -> b.subject(""),
                b -> b.expirationTime(null),
                b -> b.expirationTime(in(48 * 3600)),
                b -> b.claim("roles", List.of(List.of("HR"))),
                b -> b.claim("roles", List.of("ROOT")),
                b -> b.claim("roles", null))) {
            String token = sign(signer, algorithm, bad);
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        }
        // a token without iat: its lifetime counts from now (Spring Security would make one up at exp - 1 s)
        assertThat(decoder.decode(sign(signer, algorithm, b -> b.issueTime(null))).getSubject()).isEqualTo("eli");
        // RFC 7519: sub is a string; the JOSE library would hand 42 over as "42"
        String numericSubject = sign(signer, algorithm, b -> b.claim("sub", 42));
        assertThatThrownBy(() -> decoder.decode(numericSubject))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, UnaryOperator<JWTClaimsSet.Builder> change)
            throws Exception {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder().subject("eli").claim("roles", List.of("EMPLOYEE"))
                .issueTime(new Date()).expirationTime(in(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("k1").build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Date in(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }
}
