package dev.steward;

import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Wraps a store so that a test sees, and may refuse, every call a unit of work makes on its
 * transaction: {@link #before} runs first and may throw, {@link #after} may replace the result.
 */
abstract class InterceptedStore implements GovernanceStore {
    private final GovernanceStore delegate;

    InterceptedStore(GovernanceStore delegate) {
        this.delegate = delegate;
    }

    /**
     * @param method the name of the {@link StoreTransaction} method called
     * @param args its arguments
     */
    abstract void before(String method, Object[] args);

    /**
     * @param method the name of the {@link StoreTransaction} method that returned
     * @param result what it returned
     * @return what the unit of work sees instead; the result itself unless overridden
     */
    Object after(String method, Object result) {
        return result;
    }

    /** Runs as a unit of work begins, before the store's own transaction; may throw. */
    void beginning() {
    }

    /** Runs once the unit's work returned, inside the store's transaction, before it commits; may throw. */
    void committing() {
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        beginning();
        return delegate.transact(tx -> {
            T result = work.run((StoreTransaction) Proxy.newProxyInstance(
                    StoreTransaction.class.getClassLoader(), new Class<?>[] {StoreTransaction.class},
                    (proxy, method, args) -> {
                        before(method.getName(), args);
                        try {
                            return after(method.getName(), method.invoke(tx, args));
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
            committing();
            return result;
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
