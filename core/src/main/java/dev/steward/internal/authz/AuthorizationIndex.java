package dev.steward.internal.authz;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory view decisions are made from: every identity, and each identity's active grants
 * indexed by action and then by resource pattern, so a decision costs a few hash lookups and a
 * walk down the resource's segments, never a scan of all grants nor a store round trip.
 *
 * <p>Each identity's entry is an immutable snapshot replaced atomically; a snapshot never goes
 * back to an older version, so a late refresh cannot undo a newer local change.
 */
public final class AuthorizationIndex {
    private static final Entry EMPTY = new Entry(null, Map.of(), Map.of());

    private final ConcurrentHashMap<IdentityId, Entry> entries = new ConcurrentHashMap<>();
    /** The highest version held of each grant, so that a follower can tell what it already has. */
    private final ConcurrentHashMap<GrantId, Long> grantVersions = new ConcurrentHashMap<>();

    private static final class Entry {
        final Identity identity;
        final Map<GrantId, Grant> grants;
        final Map<String, PatternIndex<Grant>> byAction;

        Entry(Identity identity, Map<GrantId, Grant> grants, Map<String, PatternIndex<Grant>> byAction) {
            this.identity = identity;
            this.grants = grants;
            this.byAction = byAction;
        }

        Entry withGrants(Map<GrantId, Grant> newGrants) {
            Map<String, PatternIndex.Builder<Grant>> builders = new HashMap<>();
            for (Grant g : newGrants.values()) {
                if (g.status() == GrantStatus.ACTIVE) {
                    for (String action : g.actions()) {
                        builders.computeIfAbsent(action, a -> PatternIndex.builder()).add(g.resource(), g);
                    }
                }
            }
            Map<String, PatternIndex<Grant>> index = new HashMap<>(builders.size() * 2);
            builders.forEach((action, b) -> index.put(action, b.build()));
            return new Entry(identity, newGrants, index);
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
        if (e == null) {
            return;
        }
        PatternIndex<Grant> patterns = e.byAction.get(action);
        if (patterns != null) {
            patterns.forEachMatch(resourceSegments, sink);
        }
    }

    /** @param identity the identity's new snapshot; ignored if older than the one held */
    public void putIdentity(Identity identity) {
        entries.compute(identity.id(), (id, e) -> {
            Entry base = e == null ? EMPTY : e;
            if (base.identity != null && base.identity.version() > identity.version()) {
                return base;
            }
            return new Entry(identity, base.grants, base.byAction);
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
