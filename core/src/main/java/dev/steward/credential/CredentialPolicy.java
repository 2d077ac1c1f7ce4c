package dev.steward.credential;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.internal.Checks;
import java.time.Duration;

/**
 * Lifetime and rotation rules for one {@link CredentialType}.
 *
 * @param maxLifetime the longest a credential of the type may live; also its default expiry
 * @param maxAge the age at which a credential is due for rotation
 * @param overlap how long a rotated credential stays accepted beside its successor
 */
@CheckReturnValue
public record CredentialPolicy(Duration maxLifetime, Duration maxAge, Duration overlap) {
    /**
     * Checks that the durations are positive (overlap may be zero) and consistent.
     *
     * @param maxLifetime the longest a credential of the type may live; also its default expiry
     * @param maxAge the age at which a credential is due for rotation
     * @param overlap how long a rotated credential stays accepted beside its successor
     */
    public CredentialPolicy {
        Checks.positive("maxLifetime", maxLifetime);
        Checks.positive("maxAge", maxAge);
        if (overlap == null || overlap.isNegative()) {
            throw new ValidationException("overlap", "must be zero or positive");
        }
        if (maxAge.compareTo(maxLifetime) > 0) {
            throw new ValidationException("maxAge", "must not exceed maxLifetime");
        }
    }

    /**
     * @param type a credential type
     * @return the default policy: keys and client secrets live at most a year, are due for rotation
     *     at 90 days and overlap a day; stored secrets are due at 90 days without overlap; public
     *     keys live two years, are due at one and overlap a week
     */
    public static CredentialPolicy defaultFor(CredentialType type) {
        switch (type) {
            case STORED_SECRET:
                return new CredentialPolicy(Duration.ofDays(365), Duration.ofDays(90), Duration.ZERO);
            case PUBLIC_KEY:
                return new CredentialPolicy(Duration.ofDays(730), Duration.ofDays(365), Duration.ofDays(7));
            default:
                return new CredentialPolicy(Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(1));
        }
    }
}
