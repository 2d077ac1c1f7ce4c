package dev.steward.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, shared by every Steward instance of a test. Thread-safe. */
final class MutableTestClock extends Clock {
    private volatile Instant now;

    MutableTestClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move the clock forward */
    synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
