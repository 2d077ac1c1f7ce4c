package dev.steward;

import dev.steward.audit.AuditEvent;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.lang.reflect.Proxy;
import java.util.List;

/** Wraps a store so a test can make every audit append fail. */
final class FailingStore implements GovernanceStore {
    private final GovernanceStore delegate;
    volatile boolean failAudit;

    FailingStore(GovernanceStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        return delegate.transact(tx -> work.run(failing(tx)));
    }

    private StoreTransaction failing(StoreTransaction tx) {
        return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
                new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
                    if (failAudit && method.getName().equals("appendAudit")) {
                        @SuppressWarnings("unchecked")
                        List<AuditEvent> events = (List<AuditEvent>) args[0];
                        throw new IllegalStateException("disk full while appending " + events.size() + " events");
                    }
                    try {
                        return method.invoke(tx, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
