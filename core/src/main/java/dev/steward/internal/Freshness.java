package dev.steward.internal;

import java.time.Duration;

/**
 * How current this instance's decision index is. The index follows the store's change sequence;
 * while the store answers, it is at most one sync interval behind. When the store stops answering,
 * decisions may go on from the index only until its last successful sync is older than the
 * configured bound; then they are denied with {@code STORE_UNAVAILABLE}.
 *
 * <p>Measured on the monotonic clock ({@link System#nanoTime()}), not the governance clock: staleness
 * is real time the index has not heard from the store.
 */
public final class Freshness {
    private final long maxStalenessNanos;
    private volatile long lastSync = System.nanoTime();
    private volatile boolean failing;

    /** @param maxStaleness how long after its last successful sync the index may still decide */
    public Freshness(Duration maxStaleness) {
        this.maxStalenessNanos = maxStaleness.toNanos();
    }

    /** Records a successful sync with the store. */
    public void synced() {
        lastSync = System.nanoTime();
        failing = false;
    }

    /** Records a sync that failed because the store did not answer. */
    public void failed() {
        failing = true;
    }

    /** @return whether the store is failing and the index is older than the bound */
    public boolean stale() {
        return failing && System.nanoTime() - lastSync > maxStalenessNanos;
    }
}
