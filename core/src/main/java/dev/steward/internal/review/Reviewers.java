package dev.steward.internal.review;

import dev.steward.spi.PluginFailures;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.ManagerDirectory;
import dev.steward.internal.Log;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who reviews what, inside one unit of work: the accountable owner for a non-human identity's
 * access, the host's relation (e.g. the manager) for a person's, then the fallback; never the
 * subject itself, and only active humans. Caches the identities it reads, since a cycle over a
 * million grants asks about the same hundred thousand holders again and again. Not thread-safe.
 */
final class Reviewers {
    private static final Log LOG = Log.of(Reviewers.class);
    private static final Optional<IdentityId> NOBODY = Optional.empty();

    private final StoreTransaction tx;
    private final ManagerDirectory relation;
    private final Instant now;
    private final Map<IdentityId, Optional<Identity>> identities = new HashMap<>();
    private final Map<IdentityId, Optional<IdentityId>> related = new HashMap<>();
    private final Map<IdentityId, Optional<IdentityId>> shared = new HashMap<>();

    Reviewers(StoreTransaction tx, ManagerDirectory relation, Instant now) {
        this.tx = tx;
        this.relation = relation;
        this.now = now;
    }

    /** @return the identity, read once per unit */
    Optional<Identity> identity(IdentityId id) {
        return identities.computeIfAbsent(id, i -> tx.table(EntityType.IDENTITY).find(i.value()));
    }

    /** @return whether the identity may review: an active, unexpired human */
    boolean canReview(IdentityId id) {
        Optional<Identity> i = identity(id);
        return i.isPresent() && i.get().kind() == IdentityKind.HUMAN && i.get().status() == IdentityStatus.ACTIVE
                && !i.get().isExpiredAt(now);
    }

    /**
     * @param subject whose access it is
     * @param natural who should review it
     * @param fallback who reviews when the natural reviewer cannot
     * @param lastResort who reviews when neither can
     * @return the first of them who may review, or empty if nobody may
     */
    Optional<IdentityId> assign(Identity subject, Optional<IdentityId> natural, Optional<IdentityId> fallback,
            Optional<IdentityId> lastResort) {
        for (Optional<IdentityId> candidate : List.of(natural, fallback, lastResort)) {
            if (candidate.isPresent() && eligible(candidate.get(), subject)) {
                return one(candidate.get());
            }
        }
        return NOBODY;
    }

    /** @return the natural reviewer of the subject's access: its owner, or for a person the host's relation */
    Optional<IdentityId> naturalReviewer(Identity subject) {
        return subject.kind() == IdentityKind.HUMAN ? relatedTo(subject.id()) : subject.owner();
    }

    /** @return the person the host's relation names for {@code human} (e.g. their manager) */
    Optional<IdentityId> relatedTo(IdentityId human) {
        return related.computeIfAbsent(human, h -> {
            try {
                return relation.managerOf(h);
            } catch (Throwable e) {
                PluginFailures.rethrowFatal(e);
                LOG.warn("the host's reviewer relation failed for {}; the fallback reviewer is used", h, e);
                return NOBODY;
            }
        });
    }

    private boolean eligible(IdentityId reviewer, Identity subject) {
        return !reviewer.equals(subject.id()) && canReview(reviewer);
    }

    /** One Optional per reviewer, shared by all their items. */
    private Optional<IdentityId> one(IdentityId reviewer) {
        return shared.computeIfAbsent(reviewer, Optional::of);
    }
}
