package dev.steward.identity;

import dev.steward.CheckReturnValue;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * What happens to a non-human identity whose owner left without a successor. It is flagged
 * orphaned at once. With {@link #suspendAfter(Duration)} it keeps working through the grace period
 * (time to transfer its ownership), is denied every access once the period has passed (evaluated
 * at decision time) and is suspended by the next lifecycle sweep. With {@link #flagOnly()} it is
 * denied at once and stays active but unusable until its ownership is transferred: an identity
 * without an accountable owner never acts.
 *
 * @param gracePeriod how long an orphan keeps working; empty to deny it at once without suspending it
 */
@CheckReturnValue
public record OrphanPolicy(Optional<Duration> gracePeriod) {
    /**
     * Checks the grace period.
     *
     * @param gracePeriod how long an orphan keeps working; empty to deny it at once without suspending it
     */
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

    /** @return a policy that denies orphans at once and leaves their reassignment to the host */
    public static OrphanPolicy flagOnly() {
        return new OrphanPolicy(Optional.empty());
    }
}
