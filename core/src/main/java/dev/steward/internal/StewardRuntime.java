package dev.steward.internal;

import dev.steward.StewardException;
import dev.steward.SweepReport;
import dev.steward.audit.AuditLog;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.ToolCallGuard;
import dev.steward.credential.CredentialService;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantService;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityService;
import dev.steward.internal.audit.AuditWriter;
import dev.steward.internal.audit.DefaultAuditLog;
import dev.steward.internal.authz.AuthorizationIndex;
import dev.steward.internal.authz.Authorizer;
import dev.steward.internal.authz.DefaultToolCallGuard;
import dev.steward.internal.credential.DefaultCredentialService;
import dev.steward.internal.grant.DefaultGrantService;
import dev.steward.internal.identity.DefaultIdentityService;
import dev.steward.internal.identity.Leavers;
import dev.steward.internal.review.DefaultReviewService;
import dev.steward.internal.review.EventReviews;
import dev.steward.internal.review.ReviewSweep;
import dev.steward.review.ReviewService;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.PluginFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A running Steward: wires the kernel, the services, the decision index and the audit writer
 * once, schedules the background work, and stops it at close. The public {@code Steward} facade
 * only faces: it hands out this runtime's services. Thread-safe.
 */
public final class StewardRuntime {
    private static final Log LOG = Log.of(StewardRuntime.class);

    private final Kernel kernel;
    private final DefaultIdentityService identities;
    private final DefaultGrantService grants;
    private final DefaultCredentialService credentials;
    private final DefaultReviewService reviews;
    private final Authorizer authorizer;
    private final DefaultAuditLog audit;
    private final Sweeper sweeper;
    private final IndexSync sync;
    private final ScheduledExecutorService background;
    /** Whether {@link #background} is the runtime's own, to shut down at close, or the host's. */
    private final boolean ownsBackground;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    /** Held while a background task runs: tasks never overlap, and close waits for the one running. */
    private final ReentrantLock taskLock = new ReentrantLock();

    /**
     * Wires everything and starts the background work.
     *
     * @param store where state and the audit log live
     * @param settings the resolved settings
     * @param timing how often background work runs, and how stale the local view may grow
     */
    public StewardRuntime(GovernanceStore store, Settings settings, Timing timing) {
        AuditWriter writer = new AuditWriter(store, settings.signer(), settings.clock(), settings.checkpointInterval(),
                settings.auditBatchSize(), settings.auditBufferLimit());
        this.kernel = new Kernel(store, settings, new AuthorizationIndex(), writer, new Freshness(timing.maxStaleness()));
        EventReviews events = new EventReviews(kernel);
        Leavers leavers = new Leavers(kernel, events);
        this.identities = new DefaultIdentityService(kernel, leavers);
        this.grants = new DefaultGrantService(kernel, events);
        this.authorizer = new Authorizer(kernel);
        this.credentials = new DefaultCredentialService(kernel, authorizer,
                new UsageRecorder<>("credential usage", (tx, id, at, uses) -> tx.table(EntityType.CREDENTIAL)
                        .recordUsage(id.value(), at, uses)));
        this.reviews = new DefaultReviewService(kernel, leavers, credentials);
        this.audit = new DefaultAuditLog(kernel);
        this.sweeper = new Sweeper(kernel, leavers, credentials, new ReviewSweep(kernel, reviews, leavers));
        this.sync = new IndexSync(kernel);
        sync.loadAll();
        this.ownsBackground = timing.scheduler() == null;
        this.background = timing.scheduler() != null ? timing.scheduler()
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "steward-background");
                    t.setDaemon(true);
                    return t;
                });
        every(timing.syncInterval(), sync::catchUp, "follow the store's changes");
        every(timing.syncInterval(), credentials::flushUsage, "record credential usage");
        every(timing.syncInterval(), () -> kernel.grantUsage().flush(store), "record grant usage");
        if (settings.decisionAudit() == DecisionAuditMode.BUFFERED) {
            every(timing.auditFlushInterval(), writer::flush, "store buffered audit events");
        }
        if (timing.sweepInterval() != null) {
            every(timing.sweepInterval(), sweeper::sweep, "run the lifecycle sweep");
        }
    }

    /**
     * How often the background work runs.
     *
     * @param syncInterval how often the store's changes are followed and usage is recorded
     * @param maxStaleness how old the last successful sync may be before decisions are denied
     * @param auditFlushInterval how often buffered decision events are stored
     * @param sweepInterval how often the lifecycle sweep runs; null for never
     * @param scheduler the host's scheduler; null for a daemon thread of the runtime's own
     */
    public record Timing(Duration syncInterval, Duration maxStaleness, Duration auditFlushInterval,
            Duration sweepInterval, ScheduledExecutorService scheduler) {
    }

    private void every(Duration interval, Runnable task, String what) {
        long millis = Math.max(1, interval.toMillis());
        tasks.add(background.scheduleWithFixedDelay(() -> {
            taskLock.lock();
            try {
                task.run();
            } catch (Throwable e) {
                // A task that threw would never run again: only a virtual machine error ends it.
                PluginFailures.rethrowFatal(e);
                LOG.warn("could not {}; will retry", what, e);
            } finally {
                taskLock.unlock();
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    /** {@return the identity service} */
    public IdentityService identities() {
        return identities;
    }

    /** {@return the grant service} */
    public GrantService grants() {
        return grants;
    }

    /** {@return the credential service} */
    public CredentialService credentials() {
        return credentials;
    }

    /** {@return the review service} */
    public ReviewService reviews() {
        return reviews;
    }

    /** {@return the audit log} */
    public AuditLog audit() {
        return audit;
    }

    /**
     * {@return the decision, recorded}
     *
     * @param request the request
     */
    public Decision authorize(AccessRequest request) {
        return authorizer.authorize(request);
    }

    /**
     * @param identity the identity that acts
     * @param onBehalfOf the identities it acts for, nearest first
     * @param grants the grants that allowed it
     * @return why the delegation no longer stands now, or empty
     */
    public Optional<DecisionReason> standing(IdentityId identity, List<IdentityId> onBehalfOf,
            Collection<GrantId> grants) {
        return authorizer.standing(identity, onBehalfOf, grants);
    }

    /**
     * {@return the work's result, after its changes committed as one unit}
     *
     * @param work the changes
     * @param <T> the result
     */
    public <T> T atomically(Supplier<T> work) {
        return kernel.atomically(work);
    }

    /**
     * {@return a guard of the identity's tool calls}
     *
     * @param identity the identity whose tool calls to guard
     */
    public ToolCallGuard guard(IdentityId identity) {
        return new DefaultToolCallGuard(kernel, authorizer, identity);
    }

    /** {@return what the lifecycle sweep changed, run now} */
    public SweepReport sweep() {
        return sweeper.sweep();
    }

    /** Applies changes other instances made to the same store, now. */
    public void refresh() {
        sync.catchUp();
    }

    /** {@return the shared state}, for the structure checks of core's tests */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * Cancels the background work (waiting up to five seconds for a task already running), shuts
     * down the runtime's own scheduler but never the host's, records pending usage and signs a
     * final checkpoint over the end of the audit chain.
     *
     * @throws dev.steward.AuditFailureException if buffered audit events or the final checkpoint
     *     cannot be stored; the background work is stopped regardless
     */
    public void close() {
        tasks.forEach(t -> t.cancel(false));
        if (ownsBackground) {
            background.shutdown();
        }
        try {
            if (taskLock.tryLock(5, TimeUnit.SECONDS)) {
                taskLock.unlock();
            } else {
                LOG.warn("a background task was still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            credentials.flushUsage();
            kernel.grantUsage().flush(kernel.store());
        } catch (StewardException e) {
            LOG.warn("usage telemetry could not be recorded at close", e);
        }
        kernel.audit().checkpointHead();
    }
}
