package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.internal.authz.AuthorizationIndex;
import dev.steward.spi.GovernanceStore;
import java.util.stream.Stream;

/** The invariants a Steward's in-memory state keeps with its store, checked after each test. */
final class StructureCheck {
    private StructureCheck() {
    }

    /**
     * Every stored identity and grant is in the decision index at the stored version, and the
     * index holds no identity the store does not: a decision never rests on a lost or stale write.
     */
    static void indexMatchesStore(Steward steward, GovernanceStore store) {
        steward.refresh();
        AuthorizationIndex index = steward.kernel().index();
        long[] identities = {0};
        try (Stream<Identity> stored = steward.identities().stream(IdentityQuery.all().limit(1000))) {
            stored.forEach(identity -> {
                identities[0]++;
                Identity held = index.identity(identity.id());
                assertThat(held).as("the index holds identity " + identity.id() + " of " + store.name()).isNotNull();
                assertThat(held.version()).as("the index holds identity " + identity.id() + " at its stored version")
                        .isEqualTo(identity.version());
                assertThat(held.status()).isEqualTo(identity.status());
            });
        }
        assertThat(index.identityCount()).as("the index holds no identity the store does not").isEqualTo(identities[0]);
        try (Stream<Grant> stored = steward.grants().stream(GrantQuery.all().limit(1000))) {
            stored.forEach(grant -> assertThat(index.grantVersion(grant.id()))
                    .as("the index holds grant " + grant.id() + " at its stored version").isEqualTo(grant.version()));
        }
    }
}
