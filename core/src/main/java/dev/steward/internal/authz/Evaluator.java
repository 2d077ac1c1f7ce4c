package dev.steward.internal.authz;

import dev.steward.ValidationException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.identity.Standing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides a request from the {@link AuthorizationIndex} and the identities' standing, and records
 * nothing: no audit event, no use, no store access. The {@link Authorizer} records what it decides.
 */
final class Evaluator {
    private final Kernel kernel;
    private final Standing standing;

    Evaluator(Kernel kernel) {
        this.kernel = kernel;
        this.standing = new Standing(kernel);
    }

    /**
     * A decision before it is recorded.
     *
     * @param reason {@code GRANTED} or the deny's reason
     * @param grants the grant chosen at each link of the chain, when granted; else empty
     */
    record Verdict(DecisionReason reason, List<Grant> grants) {
        static Verdict deny(DecisionReason reason) {
            return new Verdict(reason, List.of());
        }
    }

    /**
     * {@return the verdict on the request at {@code now}: the reason, and the grant chosen at each
     *     link of the chain when it is allowed}
     *
     * @param request the request
     * @param now the instant to decide at
     */
    Verdict evaluate(AccessRequest request, Instant now) {
        // A malformed request is named as such before anything else is looked at.
        List<String> segments;
        try {
            Checks.action("action", request.action());
            segments = ResourcePattern.segmentsOf(request.resource());
            request.environment().ifPresent(e -> Checks.id("environment", e));
            request.correlationId().ifPresent(c -> Checks.name("correlationId", c));
        } catch (ValidationException e) {
            return Verdict.deny(DecisionReason.INVALID_REQUEST);
        }
        List<IdentityId> chain = request.onBehalfOf();
        for (int i = 0; i < chain.size(); i++) {
            IdentityId link = chain.get(i);
            if (link.equals(request.identity()) || chain.indexOf(link) != i) {
                return Verdict.deny(DecisionReason.INVALID_REQUEST);
            }
        }
        if (kernel.freshness().stale()) {
            return Verdict.deny(DecisionReason.STORE_UNAVAILABLE);
        }
        if (chain.size() > kernel.settings().maxDelegationDepth()) {
            return Verdict.deny(DecisionReason.DELEGATION_TOO_DEEP);
        }
        AuthorizationIndex index = kernel.index();
        Identity self = index.identity(request.identity());
        Optional<DecisionReason> barred = barred(self, now);
        if (barred.isPresent()) {
            return Verdict.deny(barred.get());
        }
        String environment = request.environment().orElse(self.environment());
        List<Grant> matched = new ArrayList<>(chain.size() + 1);
        IdentityId holder = request.identity();
        for (int link = 0; link <= chain.size(); link++) {
            IdentityId principal = link < chain.size() ? chain.get(link) : null;
            if (link > 0) {
                Identity delegator = index.identity(holder);
                if (delegator == null || standing.of(delegator, now).isPresent()) {
                    return Verdict.deny(DecisionReason.DELEGATOR_NOT_ACTIVE);
                }
            }
            Selection s = new Selection(principal, environment, now);
            index.forEachMatch(holder, request.action(), segments, s::offer);
            if (s.chosen == null) {
                index.forEachExpiredMatch(holder, request.action(), segments, s::explain);
            }
            if (s.chosen == null) {
                if (s.failure != null) {
                    return Verdict.deny(s.failure);
                }
                if (principal != null) {
                    return Verdict.deny(DecisionReason.NOT_DELEGATED);
                }
                return Verdict.deny(link == 0 ? DecisionReason.NO_MATCHING_GRANT
                        : DecisionReason.DELEGATOR_LACKS_PERMISSION);
            }
            matched.add(s.chosen);
            holder = principal;
        }
        return new Verdict(DecisionReason.GRANTED, matched);
    }

    /**
     * {@return why no request of the identity can be allowed now, whatever it asks, or empty}
     *
     * @param identity an identity
     * @param now the instant to decide at
     */
    Optional<DecisionReason> barred(IdentityId identity, Instant now) {
        if (kernel.freshness().stale()) {
            return Optional.of(DecisionReason.STORE_UNAVAILABLE);
        }
        return barred(kernel.index().identity(identity), now);
    }

    private Optional<DecisionReason> barred(Identity self, Instant now) {
        return self == null ? Optional.of(DecisionReason.UNKNOWN_IDENTITY) : standing.of(self, now);
    }

    /**
     * {@return why a delegation allowed earlier no longer stands at {@code now}, or empty if it
     *     does}: the identity and each link of its chain in good standing, and each grant held by
     *     one of them, active, within its window and not spent. Records nothing.
     *
     * @param identity the identity that acts
     * @param chain the identities it acts for, nearest first
     * @param grants the grants that allowed it
     * @param now the instant to decide at
     */
    Optional<DecisionReason> standing(IdentityId identity, List<IdentityId> chain, Collection<GrantId> grants,
            Instant now) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).equals(identity) || chain.indexOf(chain.get(i)) != i) {
                return Optional.of(DecisionReason.INVALID_REQUEST);
            }
        }
        Optional<DecisionReason> barred = barred(identity, now);
        if (barred.isPresent()) {
            return barred;
        }
        if (chain.size() > kernel.settings().maxDelegationDepth()) {
            return Optional.of(DecisionReason.DELEGATION_TOO_DEEP);
        }
        AuthorizationIndex index = kernel.index();
        for (IdentityId link : chain) {
            Identity delegator = index.identity(link);
            if (delegator == null || standing.of(delegator, now).isPresent()) {
                return Optional.of(DecisionReason.DELEGATOR_NOT_ACTIVE);
            }
        }
        for (GrantId id : grants) {
            Grant g = index.grant(identity, id);
            for (int i = 0; g == null && i < chain.size(); i++) {
                g = index.grant(chain.get(i), id);
            }
            DecisionReason reason = g == null || g.status() == GrantStatus.REVOKED || g.status() == GrantStatus.DENIED
                    || g.status() == GrantStatus.REQUESTED ? DecisionReason.NO_MATCHING_GRANT
                    : g.isExhausted() ? DecisionReason.USE_LIMIT_REACHED
                    : g.status() == GrantStatus.EXPIRED || !g.isWithinWindow(now) ? DecisionReason.GRANT_NOT_VALID_NOW
                    : null;
            if (reason != null) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /**
     * A preview for tool lists, which records nothing: whether the identity, on its own standing
     * and grants, could be allowed some request of {@code action} on a resource the template makes.
     *
     * @param identity the identity
     * @param principal the nearest principal of its chain, whose delegation its grant must carry
     * @param environment the environment asked for; the identity's own when empty
     * @param action the action
     * @param template the template's segments; one holding a {@code {placeholder}} may become any
     *     segment with the same literal start and end
     * @param now the instant to decide at
     * @return whether a usable grant of the action reaches the template
     */
    boolean offers(IdentityId identity, Optional<IdentityId> principal, Optional<String> environment, String action,
            List<String> template, Instant now) {
        if (barred(identity, now).isPresent()) {
            return false;
        }
        Identity self = kernel.index().identity(identity);
        Selection s = new Selection(principal.orElse(null), environment.orElse(self.environment()), now);
        for (Grant g : kernel.index().grants(identity)) {
            if (g.status() == GrantStatus.ACTIVE && g.actions().contains(action) && reaches(g.resource().segments(), template) && s.usable(g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(List<String> pattern, List<String> template) {
        int n = pattern.size();
        boolean rest = pattern.get(n - 1).equals("**");
        int fixed = rest ? n - 1 : n;
        if (rest ? template.size() <= fixed : template.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!fits(pattern.get(i), template.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether a pattern's segment can match a segment the template's segment makes} */
    private static boolean fits(String pattern, String template) {
        int open = template.indexOf('{');
        if (pattern.equals("*") || open < 0) {
            return pattern.equals("*") || pattern.equals(template);
        }
        String start = template.substring(0, open);
        String end = template.substring(template.lastIndexOf('}') + 1);
        return pattern.length() > start.length() + end.length() && pattern.startsWith(start) && pattern.endsWith(end);
    }

    /**
     * Picks a usable grant at one link of the chain, preferring one without a use limit. When none
     * is usable, the reason is a function of the covering grants' state, whatever the order they
     * are met in: the one that came closest wins (a spent grant was in its window and environment;
     * a grant of another environment was in its window).
     */
    private static final class Selection {
        private final IdentityId principal;
        private final String environment;
        private final Instant now;
        Grant chosen;
        DecisionReason failure;

        Selection(IdentityId principal, String environment, Instant now) {
            this.principal = principal;
            this.environment = environment;
            this.now = now;
        }

        /** @param g an active grant that covers the action and resource */
        void offer(Grant g) {
            if (usable(g) && (chosen == null || (chosen.maxUses().isPresent() && g.maxUses().isEmpty()))) {
                chosen = g;
            }
        }

        /** @param g an expired grant that would cover the action and resource: never chosen, only a reason */
        void explain(Grant g) {
            if (delegatedAsRequired(g)) {
                unusable(g);
            }
        }

        /** @return whether the grant is delegated as this link requires and usable now */
        boolean usable(Grant g) {
            return delegatedAsRequired(g) && unusable(g) == null;
        }

        private boolean delegatedAsRequired(Grant g) {
            Optional<IdentityId> delegator = g.delegatedBy();
            return principal == null ? delegator.isEmpty() : delegator.filter(principal::equals).isPresent();
        }

        /** @return why the grant cannot be used now, noted as a candidate failure, or {@code null} */
        private DecisionReason unusable(Grant g) {
            DecisionReason reason = !g.isWithinWindow(now) ? DecisionReason.GRANT_NOT_VALID_NOW
                    : g.environment().isPresent() && !g.environment().get().equals(environment)
                            ? DecisionReason.ENVIRONMENT_MISMATCH
                            : g.isExhausted() ? DecisionReason.USE_LIMIT_REACHED : null;
            if (reason != null && rank(reason) > rank(failure)) {
                failure = reason;
            }
            return reason;
        }

        private static int rank(DecisionReason reason) {
            return reason == null ? 0 : switch (reason) {
                case GRANT_NOT_VALID_NOW -> 1;
                case ENVIRONMENT_MISMATCH -> 2;
                default -> 3;
            };
        }
    }
}
