package dev.steward.tck;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import java.util.List;

/**
 * Everything a store holds (up to 1,000 of each), to compare before and after a unit that must
 * change nothing.
 */
record StoreSnapshot(List<Identity> identities, List<Grant> grants, List<Credential> credentials,
        List<AuditEvent> audit, List<AuditCheckpoint> checkpoints, List<StoreChange> changes, long lastChange) {

    static StoreSnapshot of(GovernanceStore store) {
        StoreSnapshot stored = store.transact(tx -> new StoreSnapshot(
                tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all().limit(1000))).items(),
                tx.table(EntityType.GRANT).query(EntityQuery.of(GrantQuery.all().limit(1000))).items(),
                tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(CredentialQuery.all().limit(1000))).items(),
                        tx.readAudit(0, 1000),
                tx.checkpoints(), List.of(), 0));
        return new StoreSnapshot(stored.identities(), stored.grants(), stored.credentials(), stored.audit(),
                stored.checkpoints(), store.changesSince(0, 1000), store.lastChangeSequence());
    }
}
