package dev.steward.tck;

import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.util.function.Consumer;

/**
 * The base of a group of {@link GovernanceStoreCompatibilityKit} rules that lives in a file of its
 * own. The kit declares the group as an {@code @Nested} class that extends this, names it with
 * {@code @DisplayName} and hands it the store under test; the rules (the {@code @Test} methods)
 * are inherited from here, so they run, and read in reports, as tests of the kit.
 */
abstract class StoreKitGroup {
    /** @return the store under test, new for each test */
    abstract GovernanceStore store();

    /** Runs a unit of work, committing if it returns; see {@link KitSupport#write}. */
    final void write(Consumer<StoreTransaction> work) {
        KitSupport.write(store(), work);
    }

    /** Runs a unit of work for the checks it makes on what it reads. */
    final void read(Consumer<StoreTransaction> work) {
        KitSupport.write(store(), work);
    }

    /** {@return what the store holds now, to compare before and after a failed unit} */
    final StoreSnapshot snapshot() {
        return StoreSnapshot.of(store());
    }

    /** Runs a unit of work and returns what it read. */
    final <T> T fetch(UnitOfWork<T> work) {
        return KitSupport.fetch(store(), work);
    }
}
