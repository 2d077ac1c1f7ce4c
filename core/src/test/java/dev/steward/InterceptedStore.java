package dev.steward;

import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
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
     * @param method the name of the {@link StoreTransaction} method called, or for an
     *     {@link EntityTable} method the entity type's name, a dot and the method's name
     *     ({@code identity.insert})
     * @param args its arguments
     */
    abstract void before(String method, Object[] args);

    /**
     * @param method the name of the method that returned, as {@link #before} names it
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
            T result = work.run(intercepted(StoreTransaction.class, tx, ""));
            committing();
            return result;
        });
    }

    /** A proxy that reports each call first; the tables a transaction gives are intercepted too. */
    private <T> T intercepted(Class<T> type, T target, String prefix) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = prefix + method.getName();
                    before(name, args);
                    try {
                        Object result = method.invoke(target, args);
                        return result instanceof EntityTable<?> table
                                ? intercepted(EntityTable.class, table, ((EntityType<?>) args[0]).name() + ".")
                                : after(name, result);
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
