package dev.steward.spi;

/**
 * Work done inside one store transaction.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface UnitOfWork<T> {
    /**
     * @param tx the open transaction; valid only during this call
     * @return the result
     */
    T run(StoreTransaction tx);
}
