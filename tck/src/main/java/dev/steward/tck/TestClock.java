package dev.steward.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock a test moves by hand, to share between every Steward instance (and fake backend)
 * of a test, so that expiries, leases and due dates arrive on cue. Thread-safe.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * {@return a clock that reads {@code start} until it is moved}
     *
     * @param start the first instant
     */
    public static TestClock startingAt(Instant start) {
        return new TestClock(start);
    }

    /**
     * Moves the clock forward.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * {@return this clock, for UTC}
     *
     * @param zone the zone
     * @throws UnsupportedOperationException for any zone but UTC: the clock keeps UTC only
     */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the test clock keeps UTC only");
        }
        return this;
    }
}
