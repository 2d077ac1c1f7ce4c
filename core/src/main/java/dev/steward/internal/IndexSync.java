package dev.steward.internal;

import dev.steward.Page;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.spi.StoreChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        lastSeen = kernel.store().lastChangeSequence();
        List<Identity> identities = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            IdentityQuery q = cursor.map(IdentityQuery.all().limit(BATCH)::after).orElse(IdentityQuery.all().limit(BATCH));
            Page<Identity> page = kernel.read(tx -> tx.queryIdentities(q));
            identities.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        List<Grant> grants = new ArrayList<>();
        cursor = Optional.empty();
        do {
            GrantQuery q = cursor.map(GrantQuery.all().limit(BATCH)::after).orElse(GrantQuery.all().limit(BATCH));
            Page<Grant> page = kernel.read(tx -> tx.queryGrants(q));
            grants.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        kernel.index().load(identities, grants);
        cursor = Optional.empty();
        do {
            CredentialQuery q = cursor.map(CredentialQuery.all().limit(BATCH)::after)
                    .orElse(CredentialQuery.all().limit(BATCH));
            Page<Credential> page = kernel.read(tx -> tx.queryCredentials(q));
            page.items().forEach(kernel.credentials()::put);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
    }

    /**
     * Applies every change committed since the last call.
     *
     * @return how many changes were applied
     */
    public synchronized int catchUp() {
        int applied = 0;
        while (true) {
            List<StoreChange> changes = kernel.store().changesSince(lastSeen, BATCH);
            if (changes.isEmpty()) {
                return applied;
            }
            kernel.read(tx -> {
                for (StoreChange change : changes) {
                    switch (change.kind()) {
                        case IDENTITY:
                            tx.findIdentity(IdentityId.of(change.id())).ifPresent(kernel.index()::putIdentity);
                            break;
                        case GRANT:
                            tx.findGrant(GrantId.of(change.id())).ifPresent(kernel.index()::putGrant);
                            break;
                        default:
                            tx.findCredential(CredentialId.of(change.id())).ifPresent(kernel.credentials()::put);
                    }
                }
                return null;
            });
            lastSeen = changes.get(changes.size() - 1).sequence();
            applied += changes.size();
        }
    }
}
