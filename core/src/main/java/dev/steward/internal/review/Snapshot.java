package dev.steward.internal.review;

import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialStatus;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.internal.Pages;
import dev.steward.internal.credential.CredentialSettings;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewRisk;
import dev.steward.review.ReviewScope;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Snapshots the items of a cycle when it opens: the active grants and credentials, and the
 * ownerships of the non-human identities, that its scope covers, each with its usage evidence, risk
 * flags and reviewer. Reads page by page inside the opening unit of work; when the scope names its
 * subjects (a micro-review) it reads only theirs. Not thread-safe; one per opening.
 */
final class Snapshot {
    private static final int PAGE = 1000;
    /** One immutable set per combination of risks, shared by every item flagged with it. */
    private static final List<Set<ReviewRisk>> RISK_SETS = new ArrayList<>();

    static {
        for (int mask = 0; mask < 1 << ReviewRisk.values().length; mask++) {
            EnumSet<ReviewRisk> set = EnumSet.noneOf(ReviewRisk.class);
            for (ReviewRisk r : ReviewRisk.values()) {
                if ((mask & (1 << r.ordinal())) != 0) {
                    set.add(r);
                }
            }
            RISK_SETS.add(Set.copyOf(set));
        }
    }

    private final StoreTransaction tx;
    private final ReviewCycle cycle;
    private final ReviewScope scope;
    private final Reviewers reviewers;
    private final CredentialSettings credentials;
    private final Instant now;
    private final Instant unusedSince;
    private final List<ResourcePattern> patterns = new ArrayList<>();
    private final List<ReviewItem> items = new ArrayList<>();

    Snapshot(StoreTransaction tx, ReviewCycle cycle, Reviewers reviewers, CredentialSettings credentials,
            Instant now) {
        this.tx = tx;
        this.cycle = cycle;
        this.scope = cycle.scope();
        this.reviewers = reviewers;
        this.credentials = credentials;
        this.now = now;
        this.unusedSince = scope.unusedFor().map(now::minus).orElse(null);
        scope.resourcePatterns().forEach(p -> patterns.add(ResourcePattern.parse(p)));
    }

    /** @return every item the cycle's scope covers, in id order */
    List<ReviewItem> take() {
        if (scope.covers(ReviewItemKind.GRANT)) {
            grants();
        }
        if (scope.covers(ReviewItemKind.CREDENTIAL)) {
            credentials();
        }
        if (scope.covers(ReviewItemKind.OWNERSHIP)) {
            ownerships();
        }
        return items;
    }

    /** @return the items added so far */
    List<ReviewItem> items() {
        return items;
    }

    private void grants() {
        GrantQuery active = GrantQuery.all().status(GrantStatus.ACTIVE).limit(PAGE);
        forEach(active, active::grantee, EntityQuery::of, g -> {
            Optional<Identity> subject = inScope(g.grantee());
            if (subject.isPresent() && coversResource(g)) {
                grant(g, subject.get(), reviewers.naturalReviewer(subject.get()));
            }
        });
    }

    /** Visits every result of a query, or of one query per subject when the scope names its subjects. */
    private <Q, T> void forEach(Q all, Function<IdentityId, Q> ofSubject, Function<Q, EntityQuery<T>> entityQuery,
            Consumer<T> visit) {
        List<Q> queries = new ArrayList<>();
        if (scope.subjects().isEmpty()) {
            queries.add(all);
        } else {
            scope.subjects().stream().sorted().forEach(s -> queries.add(ofSubject.apply(s)));
        }
        for (Q q : queries) {
            Pages.forEach(Pages.in(tx), entityQuery.apply(q), page -> page.items().forEach(visit));
        }
    }

    private boolean coversResource(Grant g) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (ResourcePattern p : patterns) {
            if (p.matchesSegments(g.resource().segments())) {
                return true;
            }
        }
        return false;
    }

    /** Adds a grant's item, if the risk filter keeps it; the natural reviewer is given. */
    void grant(Grant g, Identity subject, Optional<IdentityId> natural) {
        int risks = 0;
        if (unusedSince != null && g.lastUsedAt().orElse(g.validFrom()).isBefore(unusedSince)) {
            risks |= bit(ReviewRisk.UNUSED);
        }
        if (g.delegatedBy().isPresent()) {
            risks |= bit(ReviewRisk.DELEGATED);
        }
        for (String action : g.actions()) {
            if (scope.privilegedActions().contains(action)) {
                risks |= bit(ReviewRisk.PRIVILEGED);
            }
        }
        String summary = String.join(",", g.actions()) + " on " + g.resource().value()
                + g.delegatedBy().map(d -> " for " + d.value()).orElse("");
        add(ReviewItemKind.GRANT, g.id().value(), subject, natural, summary, risks, g.lastUsedAt(), g.useCount());
    }

    private void credentials() {
        CredentialQuery active = CredentialQuery.all().status(CredentialStatus.ACTIVE).limit(PAGE);
        forEach(active, active::identity, EntityQuery::of,
                cr -> inScope(cr.identity()).ifPresent(subject -> credential(cr, subject)));
    }

    /** Adds a credential's item, if the risk filter keeps it; shown by type, name and fingerprint only. */
    void credential(Credential cr, Identity subject) {
        int risks = 0;
        if (unusedSince != null && cr.lastUsedAt().orElse(cr.issuedAt()).isBefore(unusedSince)) {
            risks |= bit(ReviewRisk.UNUSED);
        }
        if (!cr.issuedAt().plus(credentials.policy(cr.type()).maxAge()).isAfter(now)) {
            risks |= bit(ReviewRisk.PAST_MAX_AGE);
        }
        String summary = cr.type() + " '" + cr.name() + "' " + cr.fingerprint();
        add(ReviewItemKind.CREDENTIAL, cr.id().value(), subject, reviewers.naturalReviewer(subject), summary, risks,
                cr.lastUsedAt(), cr.useCount());
    }

    private void ownerships() {
        if (!scope.subjects().isEmpty()) {
            scope.subjects().stream().sorted().forEach(s -> inScope(s).ifPresent(this::ownership));
            return;
        }
        IdentityQuery q = IdentityQuery.all().limit(PAGE);
        Pages.forEach(Pages.in(tx), EntityQuery.of(q), page -> {
            for (Identity i : page.items()) {
                if (!i.status().isTerminal() && scope.covers(i)) {
                    ownership(i);
                }
            }
        });
    }

    /** Adds an ownership item for a non-human identity; its owner reviews it. */
    void ownership(Identity subject) {
        if (subject.kind() == IdentityKind.HUMAN || subject.owner().isEmpty()) {
            return;
        }
        String summary = subject.kind() + " '" + subject.name() + "' owned by " + subject.owner().get().value()
                + (subject.isOrphaned() ? " (orphaned)" : "");
        add(ReviewItemKind.OWNERSHIP, subject.id().value(), subject, subject.owner(), summary, 0, Optional.empty(), 0);
    }

    private Optional<Identity> inScope(IdentityId id) {
        return reviewers.identity(id).filter(i -> !i.status().isTerminal() && scope.covers(i));
    }

    private void add(ReviewItemKind kind, String target, Identity subject, Optional<IdentityId> natural,
            String summary, int risks, Optional<Instant> lastUsedAt, long useCount) {
        Set<ReviewRisk> flagged = RISK_SETS.get(risks);
        if (!scope.keeps(flagged)) {
            return;
        }
        Optional<IdentityId> reviewer = reviewers.assign(subject, natural, cycle.fallbackReviewer(),
                cycle.escalateTo());
        items.add(ReviewItem.builder().id(ReviewItemId.of(cycle.id(), items.size() + 1L)).cycle(cycle.id()).kind(kind)
                .target(target).subject(subject.id()).subjectKind(subject.kind()).subjectOwner(subject.owner())
                .summary(summary).risks(flagged).lastUsedAt(lastUsedAt).useCount(useCount).reviewer(reviewer)
                .status(ReviewItemStatus.PENDING).comment("").updatedAt(now).build());
    }

    private static int bit(ReviewRisk r) {
        return 1 << r.ordinal();
    }
}
