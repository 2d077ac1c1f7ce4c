package dev.steward.identity;

import dev.steward.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * What happens to a non-human identity whose owner left without a successor. It is flagged
 * orphaned at once; with {@link #suspendAfter(Duration)} it is denied every access once the grace
 * period has passed (evaluated at decision time) and suspended by the next lifecycle sweep, unless
 * its ownership is transferred first.
 *
 * @param gracePeriod how long an orphan keeps working before it is cut off; empty to only flag it
 */
public record OrphanPolicy(Optional<Duration> gracePeriod) {
    /** Checks the grace period. */
    public OrphanPolicy {
        gracePeriod.ifPresent(d -> Checks.positive("gracePeriod", d));
    }

    /**
     * @param gracePeriod how long an orphan keeps working
     * @return a policy that cuts orphans off after the grace period
     */
    public static OrphanPolicy suspendAfter(Duration gracePeriod) {
        return new OrphanPolicy(Optional.of(gracePeriod));
    }

    /** @return a policy that only flags orphans, for hosts that reassign them by hand */
    public static OrphanPolicy flagOnly() {
        return new OrphanPolicy(Optional.empty());
    }
}
