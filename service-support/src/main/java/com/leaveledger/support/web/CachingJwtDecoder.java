package com.leaveledger.support.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the delegate already verified, keyed by the exact token text. A client sends the same bearer
 * token with every request; parsing it and checking its signature and claims again each time cost about a quarter
 * of a command's CPU (docs/adr/0013). A cached token is kept until it expires, and never longer than
 * {@code maxAge}, so a key withdrawn from the JWK set stops being honoured within {@code maxAge}. Tokens the
 * delegate refuses are never cached.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder delegate, long maxEntries, Duration maxAge) {
        this(delegate, maxEntries, maxAge, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingJwtDecoder(JwtDecoder delegate, long maxEntries, Duration maxAge, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.clock = clock;
        long maxAgeNanos = maxAge.toNanos();
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        Instant expiresAt = jwt.getExpiresAt();
                        if (expiresAt == null) {
                            return maxAgeNanos;
                        }
                        long untilExpiry = Duration.between(clock.instant(), expiresAt).toNanos();
                        return Math.max(0, Math.min(untilExpiry, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Wraps {@code delegate} unless it already caches. */
    public static JwtDecoder wrap(JwtDecoder delegate, long maxEntries, Duration maxAge) {
        return delegate instanceof CachingJwtDecoder ? delegate : new CachingJwtDecoder(delegate, maxEntries, maxAge);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token, delegate::decode);
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            // The cache's expiry runs on its own ticker; past the exp claim the delegate decides again (its clock
            // skew allowance included), exactly as without the cache.
            verified.invalidate(token);
            return delegate.decode(token);
        }
        return jwt;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
