package com.leaveledger.query.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The query side's clock in the integration tests: the system's, unless a test sets it ({@link #set}); then it
 * stands still at that instant until {@link #reset}. Its zoned copies ({@link #withZone}) follow it.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> fixed;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> fixed, ZoneId zone) {
        this.fixed = fixed;
        this.zone = zone;
    }

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public void reset() {
        fixed.set(null);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TestClock(fixed, other);
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now == null ? Instant.now() : now;
    }
}
