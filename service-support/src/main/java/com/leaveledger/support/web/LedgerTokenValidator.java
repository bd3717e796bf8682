package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The claims every service requires of a bearer token, beside its signature and Spring Security's timestamp checks
 * ({@code exp} and {@code nbf} not passed, with the clock skew): {@code sub} present, 1–128 visible ASCII characters
 * without spaces, sent as a JSON string (it is the actor recorded on events); {@code exp} present, and the token's lifetime (from
 * {@code iat}, or from now without one) at most {@code ledger.jwt.max-lifetime}; {@code iat}, when present, not in
 * the future; {@code roles} a non-empty list of known role names ({@link LedgerRoles#KNOWN}). A token that breaks
 * any is refused (401). Added to the dev HS256 decoder and, as a bean, to Spring Boot's JWK-set decoder.
 */
public final class LedgerTokenValidator implements OAuth2TokenValidator<Jwt> {

    static final int MAX_SUBJECT_LENGTH = 128;
    private static final ObjectMapper CLAIMS = new ObjectMapper();

    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    public LedgerTokenValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<OAuth2Error> errors = new ArrayList<>();
        JsonNode sent = claimsAsSent(jwt.getTokenValue());
        subject(jwt.getClaims().get(JwtClaimNames.SUB), errors);
        if (errors.isEmpty() && sent != null && !sent.path(JwtClaimNames.SUB).isTextual()) {
            errors.add(new ClaimError(JwtClaimNames.SUB, "the sub claim must be a JSON string"));
        }
        // Spring Security makes up an iat of exp - 1 s for a token that has none; only a sent one is checked
        Instant issuedAt = sent == null || sent.has(JwtClaimNames.IAT) ? jwt.getIssuedAt() : null;
        lifetime(issuedAt, jwt.getExpiresAt(), errors);
        roles(jwt.getClaims().get(LedgerRoles.CLAIM), errors);
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    }

    private static void subject(Object sub, List<OAuth2Error> errors) {
        if (!(sub instanceof String subject) || subject.isEmpty()) {
            errors.add(new ClaimError(JwtClaimNames.SUB, "the sub claim is required and must not be empty"));
            return;
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            errors.add(new ClaimError(JwtClaimNames.SUB, "the sub claim is longer than " + MAX_SUBJECT_LENGTH));
            return;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                errors.add(new ClaimError(JwtClaimNames.SUB,
                        "the sub claim must be visible ASCII characters without spaces"));
                return;
            }
        }
    }

    /**
     * The token's claims as they were sent. The JOSE library hands a numeric {@code sub} over as its decimal text
     * (RFC 7519 §4.1.2 makes it a string), and Spring Security adds an {@code iat} to a token without one; read once
     * more, only on a cache miss (verified tokens are cached, {@link CachingJwtDecoder}). {@code null} when the token
     * is not a compact JWS whose payload is JSON: then the decoder's own view stands.
     */
    private static JsonNode claimsAsSent(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = CLAIMS.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims != null && claims.isObject() ? claims : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void lifetime(Instant issuedAt, Instant expiresAt, List<OAuth2Error> errors) {
        Instant now = clock.instant();
        if (issuedAt != null && issuedAt.isAfter(now.plus(clockSkew))) {
            errors.add(new ClaimError(JwtClaimNames.IAT, "the token is issued in the future"));
        }
        if (expiresAt == null) {
            errors.add(new ClaimError(JwtClaimNames.EXP, "the exp claim is required"));
            return;
        }
        Instant start = issuedAt == null ? now : issuedAt;
        if (Duration.between(start, expiresAt).compareTo(maxLifetime) > 0
                || Duration.between(now, expiresAt).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            errors.add(new ClaimError(JwtClaimNames.EXP, "the token lives longer than " + maxLifetime
                    + " (ledger.jwt.max-lifetime)"));
        }
    }

    private static void roles(Object roles, List<OAuth2Error> errors) {
        if (!(roles instanceof Collection<?> names) || names.isEmpty()) {
            errors.add(new ClaimError(LedgerRoles.CLAIM, "the roles claim must be a non-empty list of role names"));
            return;
        }
        for (Object name : names) {
            if (!(name instanceof String role) || !LedgerRoles.KNOWN.contains(role)) {
                errors.add(new ClaimError(LedgerRoles.CLAIM, "the roles claim may hold only " + LedgerRoles.KNOWN));
                return;
            }
        }
    }

    /** A validation error naming the claim at fault (the {@code field} of the 401 problem's {@code errors}). */
    public static final class ClaimError extends OAuth2Error {

        private final String claim;

        ClaimError(String claim, String description) {
            super(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
            this.claim = claim;
        }

        public String claim() {
            return claim;
        }
    }
}
