package dev.steward.internal;

import dev.steward.spi.PluginFailures;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the decision index in step with the store: a full load at start, then the store's change
 * sequence, so that changes made by other instances on the same store reach this one's decisions.
 */
public final class IndexSync {
    private static final int BATCH = 1000;

    private final Kernel kernel;
    private long lastSeen;

    /** @param kernel the shared state */
    public IndexSync(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Loads every identity and grant from the store. */
    public synchronized void loadAll() {
        lastSeen = fromStore(() -> kernel.store().lastChangeSequence());
        IdentityQuery identities = IdentityQuery.all().limit(BATCH);
        GrantQuery grants = GrantQuery.all().limit(BATCH);
        CredentialQuery credentials = CredentialQuery.all().limit(BATCH);
        kernel.index().load(
                Pages.all(kernel::page, EntityQuery.of(identities)), Pages.all(kernel::page, EntityQuery.of(grants)));
        Pages.forEach(kernel::page, EntityQuery.of(credentials), page -> page.items().forEach(kernel.credentials()::put));
    }

    /**
     * Applies every change committed since the last call.
     *
     * @return how many changes were applied
     */
    public synchronized int catchUp() {
        try {
            int applied = follow();
            kernel.freshness().synced();
            return applied;
        } catch (Throwable e) {
            kernel.freshness().failed();
            throw PluginFailures.unavailable(kernel.store().name(), "following the store's changes failed", e);
        }
    }

    /** A call to the store outside a unit of work, whose failure surfaces typed. */
    private <T> T fromStore(Supplier<T> call) {
        try {
            return call.get();
        } catch (Throwable e) {
            throw PluginFailures.unavailable(kernel.store().name(), "reading the change sequence failed", e);
        }
    }

    /**
     * Whether the index already holds the version a change committed: this instance made it (its
     * own changes reach the index at commit) or has read it before. Such a change costs no read.
     */
    private boolean held(StoreChange change) {
        return switch (change.kind()) {
            case IDENTITY -> {
                Identity held = kernel.index().identity(IdentityId.of(change.id()));
                yield held != null && held.version() >= change.version();
            }
            case GRANT -> kernel.index().grantVersion(GrantId.of(change.id())) >= change.version();
            case CREDENTIAL -> {
                Credential held = kernel.credentials().get(CredentialId.of(change.id()));
                yield held != null && held.version() >= change.version();
            }
        };
    }

    private int follow() {
        int applied = 0;
        while (true) {
            List<StoreChange> changes = fromStore(() -> kernel.store().changesSince(lastSeen, BATCH));
            if (changes.isEmpty()) {
                return applied;
            }
            List<StoreChange> unseen = changes.stream().filter(c -> !held(c)).toList();
            if (!unseen.isEmpty()) {
                kernel.read(tx -> {
                    for (StoreChange change : unseen) {
                        switch (change.kind()) {
                            case IDENTITY:
                                tx.table(EntityType.IDENTITY).find(change.id()).ifPresent(kernel.index()::putIdentity);
                                break;
                            case GRANT:
                                tx.table(EntityType.GRANT).find(change.id()).ifPresent(kernel.index()::putGrant);
                                break;
                            default:
                                tx.table(EntityType.CREDENTIAL).find(change.id()).ifPresent(kernel.credentials()::put);
                        }
                    }
                    return null;
                });
            }
            lastSeen = changes.get(changes.size() - 1).sequence();
            applied += changes.size();
        }
    }
}
