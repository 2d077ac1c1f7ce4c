package dev.steward;

import dev.steward.authz.AccessRequest;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A brute-force model of who may do what, written from the documented rules (DESIGN.md, the
 * javadoc of {@code Grant}, {@code AccessRequest}, {@code DecisionReason}, {@code OrphanPolicy},
 * {@code ResourcePattern}) over plain snapshots of identities and grants. It shares no code with
 * the engine: no index, no internal class, not even {@code ResourcePattern.matches}.
 *
 * <p>A request is allowed exactly when
 * <ol>
 *   <li>the chain is at most {@code maxDepth} long, names no identity twice and not the actor;</li>
 *   <li>the actor and every identity of the chain are in good standing now: known, ACTIVE,
 *       before their expiry, and, if not human, either accountable to an owner who is a known,
 *       ACTIVE, unexpired human, or orphaned for less than the grace period;</li>
 *   <li>each link holds a usable grant: the actor one delegated by chain[0], chain[i] one
 *       delegated by chain[i+1], and the last principal (or the actor, without a chain) a direct
 *       one. Usable means ACTIVE, naming the action, covering the resource, inside its window,
 *       valid in the call's environment (the request's, else the actor's own), uses left.</li>
 * </ol>
 */
final class AccessOracle {
    private final Map<IdentityId, Identity> identities;
    private final List<Grant> grants;
    private final Instant now;
    private final Optional<Duration> grace;
    private final int maxDepth;

    AccessOracle(Map<IdentityId, Identity> identities, List<Grant> grants, Instant now, Optional<Duration> grace,
            int maxDepth) {
        this.identities = identities;
        this.grants = grants;
        this.now = now;
        this.grace = grace;
        this.maxDepth = maxDepth;
    }

    boolean allows(AccessRequest r) {
        List<IdentityId> chain = r.onBehalfOf();
        if (chain.size() > maxDepth || new HashSet<>(chain).size() != chain.size() || chain.contains(r.identity())) {
            return false;
        }
        Identity self = identities.get(r.identity());
        if (self == null || !inGoodStanding(self)) {
            return false;
        }
        for (IdentityId link : chain) {
            Identity delegator = identities.get(link);
            if (delegator == null || !inGoodStanding(delegator)) {
                return false;
            }
        }
        String environment = r.environment().orElse(self.environment());
        IdentityId holder = r.identity();
        for (int link = 0; link <= chain.size(); link++) {
            Optional<IdentityId> principal = link < chain.size() ? Optional.of(chain.get(link)) : Optional.empty();
            IdentityId h = holder;
            if (grants.stream().noneMatch(g -> usable(g, h, principal, r.action(), r.resource(), environment))) {
                return false;
            }
            holder = principal.orElse(null);
        }
        return true;
    }

    boolean inGoodStanding(Identity i) {
        if (i.status() != IdentityStatus.ACTIVE || expired(i)) {
            return false;
        }
        if (i.kind() == IdentityKind.HUMAN) {
            return true;
        }
        if (i.orphanedAt().isPresent()) {
            return grace.map(g -> now.isBefore(i.orphanedAt().get().plus(g))).orElse(true);
        }
        Identity owner = i.owner().map(identities::get).orElse(null);
        return owner != null && owner.kind() == IdentityKind.HUMAN && owner.status() == IdentityStatus.ACTIVE
                && !expired(owner);
    }

    boolean usable(Grant g, IdentityId holder, Optional<IdentityId> principal, String action, String resource,
            String environment) {
        return g.grantee().equals(holder)
                && g.delegatedBy().equals(principal)
                && g.status() == GrantStatus.ACTIVE
                && g.actions().contains(action)
                && covers(g.resource().value(), resource)
                && !now.isBefore(g.validFrom())
                && g.validUntil().map(now::isBefore).orElse(true)
                && g.environment().map(environment::equals).orElse(true)
                && (g.maxUses().isEmpty() || g.uses() < g.maxUses().getAsLong());
    }

    private boolean expired(Identity i) {
        return i.expiresAt().map(e -> !now.isBefore(e)).orElse(false);
    }

    /**
     * The pattern grammar of {@code ResourcePattern}'s javadoc: {@code *} is one segment, a final
     * {@code **} one or more further segments, {@code **} alone any resource.
     */
    static boolean covers(String pattern, String resource) {
        String[] p = pattern.split("/", -1);
        String[] r = resource.split("/", -1);
        boolean rest = p[p.length - 1].equals("**");
        int fixed = rest ? p.length - 1 : p.length;
        if (rest ? r.length <= fixed : r.length != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!p[i].equals("*") && !p[i].equals(r[i])) {
                return false;
            }
        }
        return true;
    }
}
