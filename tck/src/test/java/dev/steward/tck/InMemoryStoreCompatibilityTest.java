package dev.steward.tck;

import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;

/** The in-memory store honours the store contract. */
class InMemoryStoreCompatibilityTest extends GovernanceStoreCompatibilityKit {
    @Override
    protected GovernanceStore createStore() {
        return InMemoryStore.create();
    }
}
