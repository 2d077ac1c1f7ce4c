package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.Steward;
import dev.steward.StewardException;
import dev.steward.identity.Actor;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** With no fault switched on, the faulty store honours the whole store contract; switched on, it fails as asked. */
class FaultyStoreTest extends GovernanceStoreCompatibilityKit {
    @Override
    protected GovernanceStore createStore() {
        return FaultyStore.wrap(InMemoryStore.create());
    }

    @Test
    @DisplayName("failing units refuse every change until switched off; failing audit appends refuse audited changes")
    void faultsOnDemand() {
        FaultyStore store = FaultyStore.wrap(InMemoryStore.create());
        try (Steward steward = Steward.builder().store(store).build()) {
            Actor hr = Actor.system("hr");
            store.failUnits(true);
            assertThatThrownBy(() -> steward.identities().register(IdentitySpec.human("ann"), hr))
                    .isInstanceOf(StewardException.class);
            store.failUnits(false);
            assertThat(steward.identities().register(IdentitySpec.human("ann"), hr).name()).isEqualTo("ann");
            store.failAuditAppends(true);
            assertThatThrownBy(() -> steward.identities().register(IdentitySpec.human("ben"), hr))
                    .isInstanceOf(StewardException.class);
            store.failAuditAppends(false);
            assertThat(steward.identities().register(IdentitySpec.human("ben"), hr).name()).isEqualTo("ben");
            assertThat(store.name()).isEqualTo("faulty " + InMemoryStore.create().name());
        }
    }
}
