package dev.steward.internal.credential;

import dev.steward.credential.CredentialId;
import dev.steward.spi.GovernanceStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Last-used telemetry of credentials, counted in memory on every successful verification and
 * written to the store in one unit of work per flush (coalesced), never on the verification path.
 * One small entry per credential ever used is kept, so counting never allocates after the first use.
 */
public final class UsageRecorder {
    private static final class Usage {
        final AtomicLong count = new AtomicLong();
        final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);
    }

    private final ConcurrentHashMap<CredentialId, Usage> pending = new ConcurrentHashMap<>();

    /**
     * @param id the credential used
     * @param at when
     */
    public void record(CredentialId id, Instant at) {
        Usage u = pending.computeIfAbsent(id, k -> new Usage());
        u.count.incrementAndGet();
        u.last.accumulateAndGet(at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Writes the usage counted since the last flush; on failure it is counted again for the next.
     *
     * @param store where to write
     */
    public void flush(GovernanceStore store) {
        Map<CredentialId, Long> counts = new HashMap<>();
        Map<CredentialId, Instant> lasts = new HashMap<>();
        pending.forEach((id, u) -> {
            long n = u.count.getAndSet(0);
            if (n > 0) {
                counts.put(id, n);
                lasts.put(id, u.last.get());
            }
        });
        if (counts.isEmpty()) {
            return;
        }
        try {
            store.transact(tx -> {
                counts.forEach((id, n) -> tx.recordCredentialUsage(id, lasts.get(id), n));
                return null;
            });
        } catch (RuntimeException e) {
            counts.forEach((id, n) -> pending.get(id).count.addAndGet(n));
            throw e;
        }
    }
}
