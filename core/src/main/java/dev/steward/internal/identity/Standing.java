package dev.steward.internal.identity;

import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.internal.Kernel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The governance rule of an identity's standing: whether it may act at all right now. It must be
 * active and unexpired; a non-human must also be accountable (an active human owner, or orphaned
 * for less than the grace period), and an agent reconfirmed within its period and grace. Decisions
 * and credential verification ask it, for the identity and for each delegator in its chain.
 */
public final class Standing {
    private final Kernel kernel;
    /** Reconfirmation period plus grace, after which an unreconfirmed agent is denied; empty when off. */
    private final Optional<Duration> reconfirmationWindow;

    /**
     * @param kernel the shared state: the settings, and the decision index for owners
     */
    public Standing(Kernel kernel) {
        this.kernel = kernel;
        this.reconfirmationWindow = kernel.settings().reviews().reconfirmAgentsEvery()
                .map(d -> d.plus(kernel.settings().reviews().reconfirmationGrace()));
    }

    /**
     * Whether an identity may act at all right now: active, unexpired, and accountable.
     *
     * @param identity the identity
     * @param now the instant of the decision
     * @return empty if it may, or the reason it may not
     */
    public Optional<DecisionReason> of(Identity identity, Instant now) {
        return Optional.ofNullable(reason(identity, now));
    }

    private DecisionReason reason(Identity identity, Instant now) {
        if (identity.status() != IdentityStatus.ACTIVE) {
            return DecisionReason.IDENTITY_NOT_ACTIVE;
        }
        if (identity.isExpiredAt(now)) {
            return DecisionReason.IDENTITY_EXPIRED;
        }
        if (identity.kind() == IdentityKind.HUMAN) {
            return null;
        }
        if (identity.orphanedAt().isPresent()) {
            Optional<Duration> grace = kernel.settings().orphanPolicy().gracePeriod();
            return grace.isEmpty() || !now.isBefore(identity.orphanedAt().get().plus(grace.get()))
                    ? DecisionReason.ORPHANED : null;
        }
        Identity owner = identity.owner().map(kernel.index()::identity).orElse(null);
        if (owner == null || owner.kind() != IdentityKind.HUMAN || owner.status() != IdentityStatus.ACTIVE
                || owner.isExpiredAt(now)) {
            return DecisionReason.OWNER_NOT_ACTIVE;
        }
        if (reconfirmationWindow.isPresent() && identity.kind() == IdentityKind.AGENT
                && !now.isBefore(identity.reconfirmationBase().plus(reconfirmationWindow.get()))) {
            return DecisionReason.RECONFIRMATION_OVERDUE;
        }
        return null;
    }
}
