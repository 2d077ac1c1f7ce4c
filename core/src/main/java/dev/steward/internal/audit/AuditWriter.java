package dev.steward.internal.audit;

import dev.steward.spi.PluginFailures;
import dev.steward.AuditFailureException;
import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.StewardException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.internal.Redaction;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreTransaction;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends events to the hash chain: inside a caller's unit of work for state changes, and through
 * a group-commit queue for access decisions. Seals each event (sequence, previous hash, hash) under
 * the store's chain lock and signs a checkpoint every {@code checkpointInterval} events. Every
 * event is {@linkplain Redaction#event redacted} as it is sealed: whatever path built it, no issued
 * key reaches the chain, only its fingerprint.
 *
 * <p>Queued decision events carry a ticket in queue order; {@link #awaitStored(long)} returns once
 * every event up to that ticket is committed, flushing the queue itself if no one else is (so
 * concurrent callers share one unit of work). A caller whose flush fails withdraws its own event,
 * since its decision becomes a deny; events nobody waits for stay queued for the next flush.
 */
public final class AuditWriter {
    private final GovernanceStore store;
    private final AuditSigner signer;
    private final Clock clock;
    private final int checkpointInterval;
    private final int batchSize;
    private final int bufferLimit;
    private final String idPrefix;
    private final AtomicLong idCounter = new AtomicLong();

    private final ReentrantLock queueLock = new ReentrantLock();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long lastTicket;
    private final ReentrantLock flushLock = new ReentrantLock();
    private volatile long storedTicket;

    private record Queued(long ticket, AuditEvent draft) {
    }

    /**
     * @param store where events go
     * @param signer signs checkpoints
     * @param clock stamps checkpoints
     * @param checkpointInterval events between checkpoints
     * @param batchSize queued events that trigger a flush
     * @param bufferLimit queued events beyond which a caller stores the backlog before queueing more
     */
    public AuditWriter(GovernanceStore store, AuditSigner signer, Clock clock, int checkpointInterval,
            int batchSize, int bufferLimit) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
        this.batchSize = batchSize;
        this.bufferLimit = bufferLimit;
        this.idPrefix = "ae-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + "-";
    }

    /** @return a new event id, unique across instances sharing a store */
    public AuditEventId nextId() {
        return new AuditEventId(idPrefix + Long.toHexString(idCounter.incrementAndGet()));
    }

    /**
     * Seals and appends events inside the caller's unit of work; failures become
     * {@link AuditFailureException}, so the unit of work rolls back.
     *
     * @param tx the open transaction
     * @param drafts events with placeholder sequence and hashes
     */
    public void appendInTransaction(StoreTransaction tx, List<AuditEvent> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        try {
            AuditHead head = tx.lockAuditHead();
            List<AuditEvent> sealed = new ArrayList<>(drafts.size());
            long sequence = head.nextSequence();
            String previous = head.lastHash();
            AuditEvent last = null;
            for (AuditEvent draft : drafts) {
                last = AuditCodec.seal(Redaction.event(draft), sequence++, previous);
                previous = last.hash();
                sealed.add(last);
            }
            tx.appendAudit(sealed);
            if ((last.sequence() + 1) / checkpointInterval > head.nextSequence() / checkpointInterval) {
                tx.appendCheckpoint(checkpoint(last));
            }
        } catch (AuditFailureException | ConflictException | NotFoundException e) {
            // A store may send the unit's buffered writes when the head is locked; their conflict is
            // the change's own, and the caller handles it as such (a sweep, say, retries its page).
            throw e;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /**
     * Stores queued events, then signs a checkpoint over the end of the chain as the store's head
     * records it, in its own unit of work, unless the newest checkpoint already covers it; used at
     * export and at close so that truncation of the tail is detectable. The head, not the stored
     * row, is signed: if rows at the end were deleted, the checkpoint still states how long the log
     * was, and every verification of what remains reports it cut short.
     *
     * @return the head the newest checkpoint now covers (an empty log has none)
     * @throws AuditFailureException if the store or the signer fails
     */
    public AuditHead checkpointHead() {
        flush();
        try {
            return store.transact(tx -> {
                AuditHead head = tx.lockAuditHead();
                if (head.nextSequence() == 0) {
                    return head;
                }
                List<AuditCheckpoint> existing = tx.checkpoints();
                long lastSequence = head.nextSequence() - 1;
                if (existing.isEmpty() || existing.get(existing.size() - 1).sequence() < lastSequence) {
                    tx.appendCheckpoint(Checkpoints.checkpoint(signer, lastSequence, head.lastHash(), clock.instant()));
                }
                return head;
            });
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /** @return the audit failure a store's failure becomes; a virtual machine error passes */
    private AuditFailureException failure(Throwable e) {
        if (e instanceof AuditFailureException known) {
            return known;
        }
        PluginFailures.rethrowFatal(e);
        return new AuditFailureException(store.name(), e);
    }

    private AuditCheckpoint checkpoint(AuditEvent event) {
        return Checkpoints.checkpoint(signer, event, clock.instant());
    }

    /**
     * Queues a decision event.
     *
     * @param draft the event
     * @return its ticket, for {@link #awaitStored(long)}
     * @throws AuditFailureException if the queue is full and cannot be stored (the store is failing)
     */
    public long enqueue(AuditEvent draft) {
        if (pending() >= bufferLimit) {
            // Back-pressure: a full queue makes the caller store the backlog itself; only a store
            // that cannot take it refuses the decision.
            flush();
        }
        long ticket;
        int size;
        queueLock.lock();
        try {
            if (queue.size() >= bufferLimit) {
                throw new AuditFailureException(store.name(),
                        new IllegalStateException(queue.size() + " decision events are waiting to be stored"));
            }
            ticket = ++lastTicket;
            queue.addLast(new Queued(ticket, draft));
            size = queue.size();
        } finally {
            queueLock.unlock();
        }
        if (size >= batchSize && flushLock.tryLock()) {
            try {
                flushQueue();
            } catch (StewardException e) {
                // The events stay queued; the next flush or awaitStored retries and reports.
            } finally {
                flushLock.unlock();
            }
        }
        return ticket;
    }

    /**
     * Returns once the event with this ticket is stored.
     *
     * @param ticket the ticket from {@link #enqueue(AuditEvent)}
     * @throws AuditFailureException if it could not be stored; the event was withdrawn
     */
    public void awaitStored(long ticket) {
        if (storedTicket >= ticket) {
            return;
        }
        flushLock.lock();
        try {
            if (storedTicket < ticket) {
                flushQueue();
            }
        } catch (StewardException e) {
            withdraw(ticket);
            throw e;
        } finally {
            flushLock.unlock();
        }
    }

    /** Stores every queued event. */
    public void flush() {
        flushLock.lock();
        try {
            flushQueue();
        } finally {
            flushLock.unlock();
        }
    }

    private void flushQueue() {
        while (true) {
            List<Queued> batch = new ArrayList<>();
            queueLock.lock();
            try {
                while (!queue.isEmpty() && batch.size() < Math.max(batchSize, 1) * 4) {
                    batch.add(queue.pollFirst());
                }
            } finally {
                queueLock.unlock();
            }
            if (batch.isEmpty()) {
                return;
            }
            List<AuditEvent> drafts = new ArrayList<>(batch.size());
            for (Queued q : batch) {
                drafts.add(q.draft());
            }
            try {
                store.transact(tx -> {
                    appendInTransaction(tx, drafts);
                    return null;
                });
            } catch (Throwable e) {
                queueLock.lock();
                try {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        queue.addFirst(batch.get(i));
                    }
                } finally {
                    queueLock.unlock();
                }
                throw failure(e);
            }
            storedTicket = batch.get(batch.size() - 1).ticket();
        }
    }

    private void withdraw(long ticket) {
        queueLock.lock();
        try {
            queue.removeIf(q -> q.ticket() == ticket);
        } finally {
            queueLock.unlock();
        }
    }

    /** @return the number of queued decision events */
    public int pending() {
        queueLock.lock();
        try {
            return queue.size();
        } finally {
            queueLock.unlock();
        }
    }
}
