package dev.steward.langchain4j;

import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.UnitOfWork;
import java.util.List;

/** The in-memory store, except while a test has it broken: then every unit of work fails, as a lost database would. */
final class BreakableStore implements GovernanceStore {
    private final GovernanceStore delegate = InMemoryStore.create();
    private volatile boolean broken;

    void breakDown() {
        broken = true;
    }

    void repair() {
        broken = false;
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        if (broken) {
            throw new IllegalStateException("the database is gone");
        }
        return delegate.transact(work);
    }

    @Override
    public List<StoreChange> changesSince(long afterSequence, int max) {
        return delegate.changesSince(afterSequence, max);
    }

    @Override
    public long lastChangeSequence() {
        return delegate.lastChangeSequence();
    }

    @Override
    public boolean isDurable() {
        return delegate.isDurable();
    }
}
