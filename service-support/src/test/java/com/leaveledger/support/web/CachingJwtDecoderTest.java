package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger verifications = new AtomicInteger();
    private Instant now = NOW;

    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Accepts "good-…" tokens valid for 10 minutes from NOW, refuses everything else, and counts its work. */
    private final JwtDecoder delegate = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        if (now.isAfter(NOW.plus(Duration.ofMinutes(10)))) {
            throw new BadJwtException("Jwt expired");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject("e-1")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(10))).build();
    };

    private final CachingJwtDecoder decoder =
            new CachingJwtDecoder(delegate, 100, Duration.ofMinutes(5), clock, nanos::get);

    private void advance(Duration duration) {
        now = now.plus(duration);
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void verifiesEachTokenOnce() {
        Jwt first = decoder.decode("good-a");
        Jwt second = decoder.decode("good-a");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
        decoder.decode("good-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void neverCachesARefusedToken() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void verifiesAgainAfterMaxAge() {
        decoder.decode("good-a");
        advance(Duration.ofMinutes(6));

        decoder.decode("good-a");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenIsRefusedByTheDelegateNotServedFromTheCache() {
        CachingJwtDecoder longLived = new CachingJwtDecoder(delegate, 100, Duration.ofHours(1), clock, nanos::get);
        longLived.decode("good-a");
        advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> longLived.decode("good-a")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void wrapsOnlyOnce() {
        JwtDecoder once = CachingJwtDecoder.wrap(delegate, 10, Duration.ofMinutes(1));
        assertThat(CachingJwtDecoder.wrap(once, 10, Duration.ofMinutes(1))).isSameAs(once);
    }
}
