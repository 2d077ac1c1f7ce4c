package dev.steward.internal.authz;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory view decisions are made from: every identity, and each identity's active grants
 * (and, apart, its expired ones, for the reason of a deny) indexed by action and then by resource pattern, so a decision costs a few hash lookups and a
 * walk down the resource's segments, never a scan of all grants nor a store round trip.
 *
 * <p>Each identity's entry is an immutable snapshot replaced atomically; a snapshot never goes
 * back to an older version, so a late refresh cannot undo a newer local change.
 */
public final class AuthorizationIndex {
    private static final Entry EMPTY = new Entry(null, Map.of(), Map.of(), Map.of());

    private final ConcurrentHashMap<IdentityId, Entry> entries = new ConcurrentHashMap<>();
    /** The highest version held of each grant, so that a follower can tell what it already has. */
    private final ConcurrentHashMap<GrantId, Long> grantVersions = new ConcurrentHashMap<>();

    private static final class Entry {
        final Identity identity;
        final Map<GrantId, Grant> grants;
        final Map<String, PatternIndex<Grant>> byAction;
        /** Expired grants (window ended or uses spent), consulted only to say why a request is denied. */
        final Map<String, PatternIndex<Grant>> expiredByAction;

        Entry(Identity identity, Map<GrantId, Grant> grants, Map<String, PatternIndex<Grant>> byAction,
                Map<String, PatternIndex<Grant>> expiredByAction) {
            this.identity = identity;
            this.grants = grants;
            this.byAction = byAction;
            this.expiredByAction = expiredByAction;
        }

        Entry withIdentity(Identity newIdentity) {
            return new Entry(newIdentity, grants, byAction, expiredByAction);
        }

        Entry withGrants(Map<GrantId, Grant> newGrants) {
            return new Entry(identity, newGrants, patterns(newGrants, GrantStatus.ACTIVE),
                    patterns(newGrants, GrantStatus.EXPIRED));
        }

        private static Map<String, PatternIndex<Grant>> patterns(Map<GrantId, Grant> grants, GrantStatus status) {
            Map<String, PatternIndex.Builder<Grant>> builders = new HashMap<>();
            for (Grant g : grants.values()) {
                if (g.status() == status) {
                    for (String action : g.actions()) {
                        builders.computeIfAbsent(action, a -> PatternIndex.builder()).add(g.resource(), g);
                    }
                }
            }
            Map<String, PatternIndex<Grant>> index = new HashMap<>(builders.size() * 2);
            builders.forEach((action, b) -> index.put(action, b.build()));
            return index;
        }
    }

    /**
     * @param id an identity id
     * @return the identity as last seen, or {@code null} if unknown
     */
    public Identity identity(IdentityId id) {
        Entry e = entries.get(id);
        return e == null ? null : e.identity;
    }

    /** {@return how many identities the index holds} */
    public int identityCount() {
        int count = 0;
        for (Entry e : entries.values()) {
            if (e.identity != null) {
                count++;
            }
        }
        return count;
    }

    /**
     * Calls {@code sink} with each active grant of {@code grantee} whose actions include
     * {@code action} and whose pattern covers the resource.
     *
     * @param grantee the grant holder
     * @param action the action
     * @param resourceSegments the resource's segments
     * @param sink receives the matches
     */
    public void forEachMatch(IdentityId grantee, String action, List<String> resourceSegments,
            Consumer<Grant> sink) {
        Entry e = entries.get(grantee);
        if (e != null) {
            forEach(e.byAction, action, resourceSegments, sink);
        }
    }

    /**
     * @param grantee the grant holder
     * @return its grants of every status as last seen, for a preview that has no concrete resource
     */
    public Collection<Grant> grants(IdentityId grantee) {
        Entry e = entries.get(grantee);
        return e == null ? List.of() : Collections.unmodifiableCollection(e.grants.values());
    }

    /**
     * @param grantee the grant holder
     * @param id a grant id
     * @return the grant as last seen, of any status, if {@code grantee} holds it; else {@code null}
     */
    public Grant grant(IdentityId grantee, GrantId id) {
        Entry e = entries.get(grantee);
        return e == null ? null : e.grants.get(id);
    }

    /**
     * Calls {@code sink} with each expired grant (its window ended or its uses are spent) of
     * {@code grantee} that would otherwise cover the action and resource: a deny names the reason
     * the grant ended, the same before and after the sweep or the last use moved it to
     * {@code EXPIRED}, and on every instance.
     *
     * @param grantee the grant holder
     * @param action the action
     * @param resourceSegments the resource's segments
     * @param sink receives the matches
     */
    public void forEachExpiredMatch(IdentityId grantee, String action, List<String> resourceSegments,
            Consumer<Grant> sink) {
        Entry e = entries.get(grantee);
        if (e != null) {
            forEach(e.expiredByAction, action, resourceSegments, sink);
        }
    }

    private static void forEach(Map<String, PatternIndex<Grant>> byAction, String action, List<String> segments,
            Consumer<Grant> sink) {
        PatternIndex<Grant> patterns = byAction.get(action);
        if (patterns != null) {
            patterns.forEachMatch(segments, sink);
        }
    }

    /** @param identity the identity's new snapshot; ignored if older than the one held */
    public void putIdentity(Identity identity) {
        entries.compute(identity.id(), (id, e) -> {
            Entry base = e == null ? EMPTY : e;
            if (base.identity != null && base.identity.version() > identity.version()) {
                return base;
            }
            return base.withIdentity(identity);
        });
    }

    /**
     * @param id a grant id
     * @return the highest version of it held, 0 if none
     */
    public long grantVersion(GrantId id) {
        return grantVersions.getOrDefault(id, 0L);
    }

    /** @param grant the grant's new snapshot; ignored if older than the one held */
    public void putGrant(Grant grant) {
        grantVersions.merge(grant.id(), grant.version(), Math::max);
        entries.compute(grant.grantee(), (id, e) -> {
            Entry base = e == null ? EMPTY : e;
            Grant held = base.grants.get(grant.id());
            if (held != null && held.version() >= grant.version()) {
                return base;
            }
            Map<GrantId, Grant> grants = new HashMap<>(base.grants);
            grants.put(grant.id(), grant);
            return base.withGrants(grants);
        });
    }

    /**
     * Loads many identities and grants at once, building each identity's grant index one time.
     *
     * @param identities identities to hold
     * @param grants grants to hold
     */
    public void load(Iterable<Identity> identities, Iterable<Grant> grants) {
        identities.forEach(this::putIdentity);
        Map<IdentityId, Map<GrantId, Grant>> byGrantee = new HashMap<>();
        for (Grant g : grants) {
            byGrantee.computeIfAbsent(g.grantee(), k -> new HashMap<>()).put(g.id(), g);
            grantVersions.merge(g.id(), g.version(), Math::max);
        }
        byGrantee.forEach((grantee, gs) -> entries.compute(grantee, (id, e) -> {
            Entry base = e == null ? EMPTY : e;
            Map<GrantId, Grant> merged = new HashMap<>(base.grants);
            gs.forEach((gid, g) -> merged.merge(gid, g, (a, b) -> a.version() >= b.version() ? a : b));
            return base.withGrants(merged);
        }));
    }
}
