package dev.steward;

import dev.steward.spi.EntityTable;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Wraps a store so that a test sees, and may refuse, every call a unit of work makes on its
 * transaction: {@link #before} runs first and may throw.
 */
abstract class InterceptedStore implements GovernanceStore {
    private final GovernanceStore delegate;

    InterceptedStore(GovernanceStore delegate) {
        this.delegate = delegate;
    }

    /**
     * @param method the name of the {@link StoreTransaction} or {@link EntityTable} method called
     * @param args its arguments
     */
    abstract void before(String method, Object[] args);

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        return delegate.transact(tx -> work.run(intercepted(StoreTransaction.class, tx)));
    }

    /** A proxy that reports each call first; the tables a transaction gives are intercepted too. */
    private <T> T intercepted(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    before(method.getName(), args);
                    try {
                        Object result = method.invoke(target, args);
                        return result instanceof EntityTable<?> table ? intercepted(EntityTable.class, table)
                                : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
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
