package dev.steward.internal.identity;

import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.credential.CredentialTransitions;
import dev.steward.internal.grant.GrantTransitions;
import dev.steward.internal.review.EventReviews;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.PluginFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leaver cascade, inside a unit of work: an identity suspended or retired, and what follows.
 * A retired identity's live grants (held or delegated) and credentials are revoked; a human
 * leaver's non-human identities pass to their manager (the host's directory names the successor)
 * or, without one, are flagged orphaned; a returning human reclaims the identities still in their
 * name. The identity service, review decisions and the sweeps all end identities through here.
 */
public final class Leavers {
    private static final Log LOG = Log.of(Leavers.class);

    private final Kernel kernel;
    private final EventReviews events;

    /**
     * @param kernel the shared state: the host's manager directory
     * @param events opens a micro-review for a leaver's successor
     */
    public Leavers(Kernel kernel, EventReviews events) {
        this.kernel = kernel;
        this.events = events;
    }

    /**
     * Suspends an active identity, with the hand-over of a human's identities.
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it
     * @param reason why
     * @param cause what the suspension is for; it decides what may lift it on its own
     * @return the suspended identity
     */
    public Identity suspend(Changes c, Identity identity, String reason, SuspensionCause cause) {
        Identity suspended = IdentityTransitions.suspend(c, identity, reason, cause);
        handOverIfHuman(c, identity);
        return suspended;
    }

    /**
     * Retires an identity: revokes its live grants (held or delegated by it) and credentials, and
     * hands over a human's identities.
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it
     * @param reason why
     * @return the retired identity
     */
    public Identity retire(Changes c, Identity identity, String reason) {
        Identity retired = IdentityTransitions.retire(c, identity, reason);
        GrantTransitions.revokeAllLive(c, GrantQuery.all().grantee(identity.id()), "grantee retired: " + reason);
        GrantTransitions.revokeAllLive(c, GrantQuery.all().delegatedBy(identity.id()), "delegator retired: " + reason);
        CredentialTransitions.revokeAllLive(c, identity.id(), "identity retired: " + reason);
        handOverIfHuman(c, identity);
        return retired;
    }

    /**
     * A returning owner is accountable again for the identities still in their name.
     *
     * @param c the unit of work
     * @param owner the human who returned
     */
    public void reclaim(Changes c, Identity owner) {
        if (owner.kind() != IdentityKind.HUMAN) {
            return;
        }
        String reason = "owner " + owner.id() + " returned";
        for (Identity owned : c.all(EntityQuery.of(IdentityQuery.all().owner(owner.id()).orphaned(true)))) {
            if (!owned.status().isTerminal()) {
                IdentityTransitions.transferOwner(c, owned, owner.id(), reason, Map.of());
            }
        }
    }

    /** A leaver's non-human identities pass to their manager, or are flagged orphaned. */
    private void handOverIfHuman(Changes c, Identity leaver) {
        if (leaver.kind() != IdentityKind.HUMAN) {
            return;
        }
        Optional<IdentityId> successor = successorOf(c, leaver);
        List<Identity> affected = new ArrayList<>();
        for (Identity owned : c.all(EntityQuery.of(IdentityQuery.all().owner(leaver.id())))) {
            if (owned.status().isTerminal() || owned.kind() == IdentityKind.HUMAN) {
                continue;
            }
            if (successor.isPresent()) {
                affected.add(IdentityTransitions.transferOwner(c, owned, successor.get(),
                        "owner " + leaver.id() + " left", Map.of()));
            } else if (!owned.isOrphaned()) {
                affected.add(IdentityTransitions.orphan(c, owned, leaver.id(),
                        "owner " + leaver.id() + " left without a successor"));
            }
        }
        events.ownerLeft(c, leaver, successor, affected);
    }

    private Optional<IdentityId> successorOf(Changes c, Identity leaver) {
        Optional<IdentityId> manager;
        try {
            manager = kernel.settings().managers().managerOf(leaver.id());
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.warn("the host's manager directory failed for {}; its identities become orphans", leaver.id(), e);
            return Optional.empty();
        }
        return manager.filter(m -> !m.equals(leaver.id()))
                .flatMap(m -> c.tx().table(EntityType.IDENTITY).find(m.value()))
                .filter(m -> m.kind() == IdentityKind.HUMAN && m.status() == IdentityStatus.ACTIVE
                        && !m.isExpiredAt(c.now()))
                .map(Identity::id);
    }
}
