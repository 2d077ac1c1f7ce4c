package dev.steward.internal;

import dev.steward.BackendUnavailableException;
import dev.steward.Page;
import dev.steward.StewardException;
import dev.steward.grant.GrantId;
import dev.steward.internal.audit.AuditWriter;
import dev.steward.internal.authz.AuthorizationIndex;
import dev.steward.internal.credential.CredentialIndex;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.PluginFailures;
import dev.steward.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the services share: the store, the settings, the decision index and the audit writer; and
 * the one way to change state, {@link #change(dev.steward.identity.Actor, Function)}.
 */
public final class Kernel {
    private static final Log LOG = Log.of(Kernel.class);
    private static final String UNIT_FAILED = "the unit of work failed and was rolled back";

    private final GovernanceStore store;
    private final Settings settings;
    private final AuthorizationIndex index;
    private final AuditWriter audit;
    private final CredentialIndex credentials = new CredentialIndex();
    private final Freshness freshness;
    private final ThreadLocal<Batch> batches = new ThreadLocal<>();
    private final UsageRecorder<GrantId> grantUsage =
            new UsageRecorder<>("grant usage", (tx, id, at, uses) -> tx.table(EntityType.GRANT)
                    .recordUsage(id.value(), at, uses));

    /**
     * @param store the store
     * @param settings the sealed settings
     * @param index the decision index
     * @param audit the audit writer
     * @param freshness how current the decision index is
     */
    public Kernel(GovernanceStore store, Settings settings, AuthorizationIndex index, AuditWriter audit,
            Freshness freshness) {
        this.store = store;
        this.settings = settings;
        this.index = index;
        this.audit = audit;
        this.freshness = freshness;
    }

    /** @return how current the decision index is */
    public Freshness freshness() {
        return freshness;
    }

    /** @return the store */
    public GovernanceStore store() {
        return store;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the decision index */
    public AuthorizationIndex index() {
        return index;
    }

    /** @return the credential index */
    public CredentialIndex credentials() {
        return credentials;
    }

    /** @return the usage telemetry of grants, counted by allowing decisions */
    public UsageRecorder<GrantId> grantUsage() {
        return grantUsage;
    }

    /** @return the audit writer */
    public AuditWriter audit() {
        return audit;
    }

    /**
     * Runs a change as one unit of work: the work's writes and their audit events commit together
     * or not at all; after commit, the decision index sees the new state before this returns.
     * Inside {@link #atomically(Supplier)} on this thread, the change joins that unit instead.
     *
     * @param actor who makes the change
     * @param work the change, given a {@link Changes} to write through
     * @param <T> the result
     * @return the work's result
     */
    public <T> T change(dev.steward.identity.Actor actor, Function<Changes, T> work) {
        Batch batch = batches.get();
        if (batch != null) {
            return batch.join(new Changes(batch.tx, actor, settings.clock().instant(), audit), work);
        }
        return atomically(() -> change(actor, work));
    }

    /**
     * Runs every change the work makes on this thread as one unit of work: they commit together,
     * each with its own actor and audit events, or not at all. A change that fails inside fails the
     * whole unit, even if the work catches its exception. The work may run again if the store asks
     * for a retry, so it must have no other side effects. Nested calls join the outer unit.
     *
     * @param work the changes
     * @param <T> the result
     * @return the work's result
     */
    public <T> T atomically(Supplier<T> work) {
        if (batches.get() != null) {
            return work.get();
        }
        Batch[] done = new Batch[1];
        T result;
        try {
            result = store.transact(tx -> {
                Batch batch = new Batch(tx, store.name());
                done[0] = batch;
                batches.set(batch);
                try {
                    T r;
                    try {
                        r = work.get();
                    } catch (RuntimeException | Error e) {
                        throw new WorkFailure(e);
                    }
                    batch.rethrowFailure();
                    audit.appendInTransaction(tx, batch.events());
                    return r;
                } finally {
                    batches.remove();
                }
            });
        } catch (WorkFailure e) {
            throw e.rethrow();
        } catch (Throwable e) {
            throw PluginFailures.unavailable(store.name(), UNIT_FAILED, e);
        }
        for (Changes c : done[0].changes) {
            c.written(EntityType.IDENTITY).forEach(index::putIdentity);
            c.written(EntityType.GRANT).forEach(index::putGrant);
            c.written(EntityType.CREDENTIAL).forEach(credentials::put);
        }
        for (Changes c : done[0].changes) {
            for (Runnable effect : c.afterCommitEffects()) {
                try {
                    effect.run();
                } catch (Throwable e) {
                    PluginFailures.rethrowFatal(e);
                    LOG.warn("a side effect after a committed change failed; the change stands", e);
                }
            }
        }
        return result;
    }

    /** @return whether this thread is inside {@link #atomically(Supplier)} */
    public boolean inUnit() {
        return batches.get() != null;
    }

    /**
     * Reads inside a unit of work that writes nothing.
     *
     * @param work the read
     * @param <T> the result
     * @return the read's result
     */
    public <T> T read(Function<dev.steward.spi.StoreTransaction, T> work) {
        Batch batch = batches.get();
        if (batch != null) {
            return batch.read(work);
        }
        try {
            return store.transact(work::apply);
        } catch (Throwable e) {
            throw PluginFailures.unavailable(store.name(), "the read failed", e);
        }
    }

    /**
     * {@return one page of an entity query, read in a unit of work of its own (or the one this thread is in)}
     *
     * @param query the query
     * @param <E> the entity
     */
    public <E> Page<E> page(EntityQuery<E> query) {
        return read(tx -> tx.table(query.type()).query(query));
    }

    /** The changes joined into one unit of work on one thread. */
    private static final class Batch {
        private final dev.steward.spi.StoreTransaction tx;
        private final String storeName;
        private final List<Changes> changes = new ArrayList<>();
        private StewardException failure;
        private boolean broken;

        Batch(dev.steward.spi.StoreTransaction tx, String storeName) {
            this.tx = tx;
            this.storeName = storeName;
        }

        /** A change's own failure fails the unit; one that is not a Steward error came from the store. */
        <T> T join(Changes c, Function<Changes, T> work) {
            T result = guarded(() -> work.apply(c), UNIT_FAILED);
            changes.add(c);
            return result;
        }

        /** A read that fails inside the unit fails the unit too: the store's transaction may be broken. */
        <T> T read(Function<dev.steward.spi.StoreTransaction, T> work) {
            return guarded(() -> work.apply(tx), "a read inside the unit of work failed; the unit was rolled back");
        }

        private <T> T guarded(Supplier<T> step, String message) {
            boolean finished = false;
            try {
                T result = step.get();
                finished = true;
                return result;
            } catch (Throwable e) {
                StewardException typed = PluginFailures.unavailable(storeName, message, e);
                if (failure == null) {
                    failure = typed;
                }
                throw typed;
            } finally {
                broken |= !finished;
            }
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
            if (broken) {
                throw new BackendUnavailableException(storeName, UNIT_FAILED, null);
            }
        }

        List<dev.steward.audit.AuditEvent> events() {
            List<dev.steward.audit.AuditEvent> all = new ArrayList<>();
            changes.forEach(c -> all.addAll(c.events()));
            return all;
        }
    }

    /**
     * Carries the work's own exception out of the store's unit of work, to be rethrown as it was:
     * the host's code is not plugin code, so its exceptions and errors reach it unchanged.
     */
    private static final class WorkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkFailure(Throwable failure) {
            super(failure);
        }

        RuntimeException rethrow() {
            Throwable failure = getCause();
            if (failure instanceof Error error) {
                throw error;
            }
            return (RuntimeException) failure;
        }
    }
}
