package dev.steward.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the stories move by hand, so that hours and days pass in a moment. Steward evaluates
 * every expiry against the clock it is given, so moving this clock is all it takes for a grant to
 * end or a grace period to run out.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param start the instant the clock shows until it is advanced */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param duration how far to move the clock forward */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
