package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class LedgerTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

    private final LedgerTokenValidator validator = new LedgerTokenValidator(Duration.ofHours(24), Duration.ofSeconds(60),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsTheTokensOurToolsMint() {
        // scripts/mint-token (8 h), the bench driver (12 h), e2e (1 h), the services' ITs (10 min)
        for (Duration ttl : List.of(Duration.ofHours(8), Duration.ofHours(12), Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofHours(24))) {
            assertThat(validate(token(b -> b.issuedAt(NOW).expiresAt(NOW.plus(ttl))))).as(ttl.toString()).isEmpty();
        }
        assertThat(validate(token(b -> b.claim("roles", List.of("EMPLOYEE", "MANAGER", "HR", "COMPLIANCE",
                "ENGINEER"))))).isEmpty();
        assertThat(validate(token(b -> b.claims(c -> c.remove("iat")).expiresAt(NOW.plusSeconds(3600))))).isEmpty();
    }

    @Test
    void requiresANonEmptyVisibleSubject() {
        assertThat(validate(token(b -> b.claims(c -> c.remove("sub"))))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("")))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("a b")))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("a\u0000b")))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("é")))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("x".repeat(129))))).containsExactly("sub");
        assertThat(validate(token(b -> b.claim("sub", 42)))).containsExactly("sub");
        assertThat(validate(token(b -> b.subject("x".repeat(128))))).isEmpty();
    }

    @Test
    void requiresExpiryWithinTheMaximumLifetime() {
        assertThat(validate(token(b -> b.claims(c -> c.remove("exp"))))).containsExactly("exp");
        assertThat(validate(token(b -> b.expiresAt(NOW.plus(Duration.ofHours(24)).plusSeconds(1))))).containsExactly("exp");
        // backdated: issued two days ago, valid for one more hour
        assertThat(validate(token(b -> b.issuedAt(NOW.minus(Duration.ofDays(2))).expiresAt(NOW.plusSeconds(3600)))))
                .containsExactly("exp");
        // no iat: counted from now
        assertThat(validate(token(b -> b.claims(c -> c.remove("iat")).expiresAt(NOW.plus(Duration.ofDays(2))))))
                .containsExactly("exp");
        assertThat(validate(token(b -> b.issuedAt(NOW.plusSeconds(3600)).expiresAt(NOW.plusSeconds(7200)))))
                .containsExactly("iat");
        assertThat(validate(token(b -> b.issuedAt(NOW.plusSeconds(30)).expiresAt(NOW.plusSeconds(7200))))).isEmpty();
    }

    @Test
    void requiresRolesAsAListOfKnownNames() {
        assertThat(validate(token(b -> b.claims(c -> c.remove("roles"))))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", List.of())))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", List.of(List.of("HR")))))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", "HR")))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", List.of("HR", "ADMIN"))))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", List.of("hr"))))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", List.of("ROLE_HR"))))).containsExactly("roles");
        assertThat(validate(token(b -> b.claim("roles", Map.of("HR", true))))).containsExactly("roles");
    }

    @Test
    void rolesConverterKeepsOnlyKnownNames() {
        assertThat(new LedgerRoles().convert(token(b -> b.claim("roles", List.of("HR", List.of("HR"), 1, "ADMIN",
                "MANAGER"))))).extracting(Object::toString).containsExactly("ROLE_HR", "ROLE_MANAGER");
        assertThat(new LedgerRoles().convert(token(b -> b.claim("roles", "HR")))).isEmpty();
    }

    /** The claims refused, by name. */
    private List<String> validate(Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        return result.getErrors().stream().map(LedgerTokenValidatorTest::claim).toList();
    }

    private static String claim(OAuth2Error error) {
        return ((LedgerTokenValidator.ClaimError) error).claim();
    }

    private static Jwt token(Consumer<Jwt.Builder> changes) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("eli")
                .claim("roles", List.of("EMPLOYEE")).issuedAt(NOW).expiresAt(NOW.plusSeconds(600));
        changes.accept(builder);
        return builder.build();
    }
}
