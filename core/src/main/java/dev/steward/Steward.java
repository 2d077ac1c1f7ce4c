package dev.steward;

import dev.steward.audit.AuditLog;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.ToolCallGuard;
import dev.steward.credential.Challenge;
import dev.steward.credential.CredentialPolicy;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialType;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantService;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityService;
import dev.steward.identity.ManagerDirectory;
import dev.steward.identity.OrphanPolicy;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Settings;
import dev.steward.internal.StewardRuntime;
import dev.steward.internal.credential.CredentialSettings;
import dev.steward.internal.credential.KeyHasher;
import dev.steward.review.ReviewPolicy;
import dev.steward.review.ReviewService;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.Notifier;
import dev.steward.spi.RotationHandler;
import dev.steward.spi.SecretBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One place where a host application governs its people, service accounts, workloads and AI
 * agents: identities and their lifecycle, grants, access decisions, and a tamper-evident audit
 * log. Build one instance at start-up and share it; it is immutable and thread-safe.
 *
 * <pre>{@code
 * Steward steward = Steward.builder()
 *     .store(InMemoryStore.create())
 *     .clock(Clock.systemUTC())
 *     .build();
 *
 * Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), Actor.system("hr"));
 * Decision d = steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api/pulls"));
 * }</pre>
 *
 * <p>Close it at shutdown: buffered audit events are stored and a final checkpoint is signed.
 */
public final class Steward implements AutoCloseable {
    private static final Log LOG = Log.of(Steward.class);
    private static final int AUDIT_BATCH_SIZE = 512;
    private static final int AUDIT_BUFFER_LIMIT = 100_000;

    private final StewardRuntime runtime;

    private Steward(StewardRuntime runtime) {
        this.runtime = runtime;
    }

    /** @return a builder; {@link Builder#store(GovernanceStore)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the identity service */
    public IdentityService identities() {
        return runtime.identities();
    }

    /** @return the grant service */
    public GrantService grants() {
        return runtime.grants();
    }

    /**
     * Decides whether an identity may perform an action on a resource now, and records the
     * decision. Deny by default; never throws for a well-formed request: an internal error is a
     * deny with reason {@code ERROR}.
     *
     * @param request the request
     * @return the decision, with its reason and audit event id
     */
    public Decision authorize(AccessRequest request) {
        Objects.requireNonNull(request, "request");
        return runtime.authorize(request);
    }

    /**
     * Whether a delegation that Steward allowed earlier still stands now, recording nothing: for a
     * value that carries an allowed decision across a process boundary (a delegation token), checked
     * on each use so that a revocation or suspension beats the value's lifetime. It stands when
     * this instance's view of the store is fresh, the chain names no identity twice and is no deeper
     * than {@link Builder#maxDelegationDepth}, the identity and every identity of its chain are in
     * good standing as a decision requires (active, unexpired, accountable), and every grant is
     * held by one of them, active, within its validity window and not spent. It reads the decision
     * index only: changes made on this instance count at once, those of other instances on the
     * same store within the {@linkplain Builder#syncInterval sync bound}. It does not decide an
     * action: ask {@link #authorize} for that.
     *
     * <pre>{@code
     * Optional<DecisionReason> broken = steward.standing(bot.id(), List.of(alice.id()), token.grants());
     * }</pre>
     *
     * @param identity the identity that acts
     * @param onBehalfOf the identities it acts for, nearest first, as in {@link AccessRequest#onBehalfOf()}
     * @param grants the grants that allowed it, e.g. a decision's {@link Decision#matchedGrants()}
     * @return empty if it stands; else why not: {@code INVALID_REQUEST}, {@code STORE_UNAVAILABLE},
     *     {@code DELEGATION_TOO_DEEP}, the identity's own standing ({@code UNKNOWN_IDENTITY},
     *     {@code IDENTITY_NOT_ACTIVE}, {@code IDENTITY_EXPIRED}, …), {@code DELEGATOR_NOT_ACTIVE} for
     *     a link of the chain, {@code NO_MATCHING_GRANT} for a grant unknown to the chain or no longer
     *     active, {@code GRANT_NOT_VALID_NOW} or {@code USE_LIMIT_REACHED}
     */
    public Optional<DecisionReason> standing(IdentityId identity, List<IdentityId> onBehalfOf,
            Collection<GrantId> grants) {
        Objects.requireNonNull(identity, "identity");
        return runtime.standing(identity, List.copyOf(onBehalfOf), List.copyOf(grants));
    }

    /** {@return the clock every rule is evaluated against}, for values that carry decisions (token times) */
    public Clock clock() {
        return runtime.kernel().settings().clock();
    }

    /**
     * Runs the changes the work makes on this thread, through any of Steward's services, as one
     * unit of work: they commit together, each with its own actor and audit events, or not at all.
     * For changes that belong together (register an agent, issue its key and grant its access) and
     * for imports, where one unit of many changes costs far fewer round trips to the store than one
     * unit per change:
     *
     * <pre>{@code
     * steward.atomically(() -> {
     *     Identity bot = steward.identities().register(spec, hr);
     *     steward.identities().approve(bot.id(), bob.asActor(), "SEC-42");
     *     return bot;
     * });
     * }</pre>
     *
     * A change that fails inside fails the whole unit, even if the work catches its exception.
     * Reads inside see the unit's own changes. Decisions ({@link #authorize}, guards, secret
     * checkout) are made on committed state and are refused inside with
     * {@link IllegalStateException}. The work may run again if the store asks for a retry (a
     * serialization failure on a database), so it must have no side effects of its own.
     *
     * @param work the changes
     * @param <T> the result
     * @return the work's result, after commit
     */
    public <T> T atomically(java.util.function.Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return runtime.atomically(work);
    }

    /**
     * @param identity the identity whose tool calls to guard
     * @return a guard that authorizes, runs and records each call
     */
    public ToolCallGuard guard(IdentityId identity) {
        return runtime.guard(Objects.requireNonNull(identity, "identity"));
    }

    /** @return the credential service */
    public CredentialService credentials() {
        return runtime.credentials();
    }

    /**
     * Access reviews: certification campaigns, decisions, reports; reconfirmation of agents.
     *
     * <pre>{@code
     * ReviewCycle q3 = steward.reviews().open(ReviewCycleSpec.named("Q3 agents")
     *     .identityKinds(IdentityKind.AGENT).fallbackReviewer(secOps.id()), Actor.system("grc"));
     * }</pre>
     *
     * @return the review service
     */
    public ReviewService reviews() {
        return runtime.reviews();
    }

    /** @return the audit log */
    public AuditLog audit() {
        return runtime.audit();
    }

    /**
     * Runs the lifecycle sweep now: expires ended grants and credentials, suspends orphans past
     * their grace period, and runs the reviews' schedule (closes at due dates, reminders,
     * escalations, recurring cycles, reconfirmation). Decisions do not depend on it; schedule it as often as stored state should follow.
     *
     * @return what it changed
     */
    public SweepReport sweep() {
        return runtime.sweep();
    }

    /**
     * Applies changes other instances made to the same store, now rather than at the next
     * background poll.
     */
    public void refresh() {
        runtime.refresh();
    }

    /** {@return the shared runtime state}, for the structure checks that core's tests run after each test */
    Kernel kernel() {
        return runtime.kernel();
    }

    /**
     * Stops background work (waiting up to five seconds for a task already running, so that the
     * host may close its connection pool next), stores buffered audit events and signs a final
     * checkpoint over the end of the audit chain (see {@link AuditLog#checkpoint()}).
     *
     * @throws AuditFailureException if buffered audit events or the final checkpoint cannot be
     *     stored; the background work is stopped regardless
     */
    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Builds a {@link Steward}. Each setting may be given once; a second call, or a missing
     * store, fails with a {@link ValidationException} naming the setting. Not thread-safe.
     *
     * <table>
     *   <caption>Settings and their defaults</caption>
     *   <tr><th>setting</th><th>default</th></tr>
     *   <tr><td>{@link #store store}</td><td>required</td></tr>
     *   <tr><td>{@link #clock clock}</td><td>the UTC system clock</td></tr>
     *   <tr><td>{@link #maxAgentLifetime maxAgentLifetime}</td><td>{@link #DEFAULT_MAX_AGENT_LIFETIME}, 90 days</td></tr>
     *   <tr><td>{@link #maxAgentGrantLifetime maxAgentGrantLifetime}</td><td>the agent maximum</td></tr>
     *   <tr><td>{@link #maxDelegationDepth maxDelegationDepth}</td><td>{@value #DEFAULT_MAX_DELEGATION_DEPTH}</td></tr>
     *   <tr><td>{@link #orphanPolicy orphanPolicy}</td><td>{@link #DEFAULT_ORPHAN_POLICY}, suspension 7 days after the owner left</td></tr>
     *   <tr><td>{@link #managers managers}</td><td>{@link ManagerDirectory#NONE}</td></tr>
     *   <tr><td>{@link #auditSigner auditSigner}</td><td>an Ed25519 key generated for this process (a warning on a durable store)</td></tr>
     *   <tr><td>{@link #checkpointInterval checkpointInterval}</td><td>{@value #DEFAULT_CHECKPOINT_INTERVAL} events</td></tr>
     *   <tr><td>{@link #decisionAudit decisionAudit}</td><td>{@link #DEFAULT_DECISION_AUDIT}, synchronous</td></tr>
     *   <tr><td>{@link #auditFlushInterval auditFlushInterval}</td><td>{@link #DEFAULT_AUDIT_FLUSH_INTERVAL}, 200 ms</td></tr>
     *   <tr><td>{@link #syncInterval syncInterval}</td><td>{@link #DEFAULT_SYNC_INTERVAL}, 1 second</td></tr>
     *   <tr><td>{@link #maxStaleness maxStaleness}</td><td>twice the sync interval</td></tr>
     *   <tr><td>{@link #sweepInterval sweepInterval}</td><td>off: the host calls {@link Steward#sweep()}</td></tr>
     *   <tr><td>{@link #scheduler scheduler}</td><td>a daemon thread of Steward's own</td></tr>
     *   <tr><td>{@link #secrets secrets}</td><td>none: stored secrets are refused</td></tr>
     *   <tr><td>{@link #keyPepper keyPepper}</td><td>a pepper generated for this process</td></tr>
     *   <tr><td>{@link #credentialPolicy credentialPolicy}</td><td>{@link CredentialPolicy#defaultFor} per type</td></tr>
     *   <tr><td>{@link #rotationHandler rotationHandler}</td><td>none</td></tr>
     *   <tr><td>{@link #revokeCredentialsUnusedFor revokeCredentialsUnusedFor}</td><td>off</td></tr>
     *   <tr><td>{@link #challengeLifetime challengeLifetime}</td><td>{@link Challenge#DEFAULT_LIFETIME}, 2 minutes</td></tr>
     *   <tr><td>{@link #reviews reviews}</td><td>{@link ReviewPolicy#defaults()}</td></tr>
     *   <tr><td>{@link #notifier notifier}</td><td>{@link Notifier#NONE}</td></tr>
     * </table>
     */
    public static final class Builder {
        /** The longest an agent may live unless {@link #maxAgentLifetime} says otherwise: 90 days. */
        public static final Duration DEFAULT_MAX_AGENT_LIFETIME = Duration.ofDays(90);
        /** The longest delegation chain unless {@link #maxDelegationDepth} says otherwise. */
        public static final int DEFAULT_MAX_DELEGATION_DEPTH = 3;
        /** What happens to orphans unless {@link #orphanPolicy} says otherwise: suspension after 7 days. */
        public static final OrphanPolicy DEFAULT_ORPHAN_POLICY = OrphanPolicy.suspendAfter(Duration.ofDays(7));
        /** Events between signed checkpoints unless {@link #checkpointInterval} says otherwise. */
        public static final int DEFAULT_CHECKPOINT_INTERVAL = 1000;
        /** When decision events are stored unless {@link #decisionAudit} says otherwise: before the decision returns. */
        public static final DecisionAuditMode DEFAULT_DECISION_AUDIT = DecisionAuditMode.SYNCHRONOUS;
        /** How often buffered decision events are stored unless {@link #auditFlushInterval} says otherwise: 200 ms. */
        public static final Duration DEFAULT_AUDIT_FLUSH_INTERVAL = Duration.ofMillis(200);
        /** How often other instances' changes are followed unless {@link #syncInterval} says otherwise: 1 second. */
        public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

        private GovernanceStore store;
        private Clock clock;
        private Duration maxAgentLifetime;
        private Duration maxAgentGrantLifetime;
        private Integer maxDelegationDepthSet;
        private int maxDelegationDepth = DEFAULT_MAX_DELEGATION_DEPTH;
        private OrphanPolicy orphanPolicy;
        private ManagerDirectory managers;
        private AuditSigner signer;
        private Integer checkpointIntervalSet;
        private int checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private DecisionAuditMode decisionAudit;
        private Duration auditFlushInterval;
        private Duration syncInterval;
        private Duration maxStaleness;
        private Duration sweepInterval;
        private ScheduledExecutorService scheduler;
        private SecretBackend secrets;
        private byte[] keyPepper;
        private final Map<CredentialType, CredentialPolicy> credentialPolicies = new EnumMap<>(CredentialType.class);
        private RotationHandler rotationHandler;
        private Duration unusedCredentialLimit;
        private Duration challengeLifetime;
        private ReviewPolicy reviewPolicy;
        private Notifier notifier;

        private Builder() {
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets where state and the audit log live. Required.
         *
         * @param value the governance store
         * @return this builder
         */
        public Builder store(GovernanceStore value) {
            once(store, "store");
            store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * Sets the clock every rule is evaluated against; the UTC system clock by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            once(clock, "clock");
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the longest an agent may live; 90 days by default.
         *
         * @param value the longest lifetime of an agent, positive
         * @return this builder
         */
        public Builder maxAgentLifetime(Duration value) {
            once(maxAgentLifetime, "maxAgentLifetime");
            maxAgentLifetime = dev.steward.internal.Checks.positive("maxAgentLifetime", value);
            return this;
        }

        /**
         * Sets the longest a grant to an agent may last; the agent maximum by default.
         *
         * @param value the longest lifetime of a grant to an agent, positive and at most the
         *     {@linkplain #maxAgentLifetime(Duration) agent maximum}
         * @return this builder
         */
        public Builder maxAgentGrantLifetime(Duration value) {
            once(maxAgentGrantLifetime, "maxAgentGrantLifetime");
            maxAgentGrantLifetime = dev.steward.internal.Checks.positive("maxAgentGrantLifetime", value);
            return this;
        }

        /**
         * Sets the longest delegation chain; 3 by default.
         *
         * @param value the most delegation steps behind a grant, 0 to 16
         * @return this builder
         */
        public Builder maxDelegationDepth(int value) {
            once(maxDelegationDepthSet, "maxDelegationDepth");
            if (value < 0 || value > 16) {
                throw new ValidationException("maxDelegationDepth", "must be between 0 and 16");
            }
            maxDelegationDepthSet = value;
            maxDelegationDepth = value;
            return this;
        }

        /**
         * Sets what happens to identities whose owner is gone; suspension after 7 days by default.
         *
         * @param value the orphan policy
         * @return this builder
         */
        public Builder orphanPolicy(OrphanPolicy value) {
            once(orphanPolicy, "orphanPolicy");
            orphanPolicy = Objects.requireNonNull(value, "orphanPolicy");
            return this;
        }

        /**
         * Sets the host's manager relation, which names leavers' successors; none by default.
         *
         * @param value the manager directory
         * @return this builder
         */
        public Builder managers(ManagerDirectory value) {
            once(managers, "managers");
            managers = Objects.requireNonNull(value, "managers");
            return this;
        }

        /**
         * Sets the key that signs audit checkpoints.
         *
         * @param value signs audit checkpoints; by default a fresh Ed25519 key per instance, whose
         *     public key {@link AuditLog#publicKey()} returns (supply a persistent key in production)
         * @return this builder
         */
        public Builder auditSigner(AuditSigner value) {
            once(signer, "auditSigner");
            signer = Objects.requireNonNull(value, "auditSigner");
            return this;
        }

        /**
         * Sets how many events lie between signed checkpoints; 1000 by default.
         *
         * @param value events between signed checkpoints, 1 to 1,000,000
         * @return this builder
         */
        public Builder checkpointInterval(int value) {
            once(checkpointIntervalSet, "checkpointInterval");
            if (value < 1 || value > 1_000_000) {
                throw new ValidationException("checkpointInterval", "must be between 1 and 1,000,000");
            }
            checkpointIntervalSet = value;
            checkpointInterval = value;
            return this;
        }

        /**
         * Sets when decision events are stored; synchronously by default.
         *
         * @param value the decision audit mode
         * @return this builder
         */
        public Builder decisionAudit(DecisionAuditMode value) {
            once(decisionAudit, "decisionAudit");
            decisionAudit = Objects.requireNonNull(value, "decisionAudit");
            return this;
        }

        /**
         * Sets how often buffered decision events are stored at the latest; 200 ms by default.
         *
         * @param value the longest a buffered decision event waits to be stored, positive
         * @return this builder
         */
        public Builder auditFlushInterval(Duration value) {
            once(auditFlushInterval, "auditFlushInterval");
            auditFlushInterval = dev.steward.internal.Checks.positive("auditFlushInterval", value);
            return this;
        }

        /**
         * Sets how often changes made by other instances on the same store reach this one.
         *
         * @param value how often changes made by other instances on the same store are applied to
         *     this instance's decisions: a revocation or suspension made on another instance is
         *     denied here within about this interval (plus one poll of the store); 1 second by default
         * @return this builder
         */
        public Builder syncInterval(Duration value) {
            once(syncInterval, "syncInterval");
            syncInterval = dev.steward.internal.Checks.positive("syncInterval", value);
            return this;
        }

        /**
         * Sets how long decisions may be made from the local index while the store does not answer.
         *
         * @param value how long after the last successful sync with the store decisions may still
         *     be made from the local index once the store stops answering; later ones are denied with
         *     {@code STORE_UNAVAILABLE}. At least the sync interval; twice the sync interval by default
         * @return this builder
         */
        public Builder maxStaleness(Duration value) {
            once(maxStaleness, "maxStaleness");
            maxStaleness = dev.steward.internal.Checks.positive("maxStaleness", value);
            return this;
        }

        /**
         * Sets where stored secrets live.
         *
         * @param value where stored secrets live; wrap it in
         *     {@link dev.steward.secret.EncryptingSecretBackend} to keep them encrypted at rest.
         *     Needed only for {@code STORED_SECRET} credentials
         * @return this builder
         */
        public Builder secrets(SecretBackend value) {
            once(secrets, "secrets");
            secrets = Objects.requireNonNull(value, "secrets");
            return this;
        }

        /**
         * Sets the HMAC key that verifiers of issued keys are computed with.
         *
         * @param value the key (at least 32 bytes) of the HMAC that verifiers of issued keys are
         *     computed with; plain SHA-256 without one. Keep it out of the store, and the same on
         *     every instance
         * @return this builder
         */
        public Builder keyPepper(byte[] value) {
            once(keyPepper, "keyPepper");
            if (value == null || value.length < 32) {
                throw new ValidationException("keyPepper", "must be at least 32 bytes");
            }
            keyPepper = value.clone();
            return this;
        }

        /**
         * Sets the lifetime and rotation rules of one credential type.
         *
         * @param type a credential type
         * @param value its lifetime and rotation rules; {@link CredentialPolicy#defaultFor} otherwise
         * @return this builder
         */
        public Builder credentialPolicy(CredentialType type, CredentialPolicy value) {
            Objects.requireNonNull(type, "type");
            once(credentialPolicies.get(type), "credentialPolicy(" + type + ")");
            credentialPolicies.put(type, Objects.requireNonNull(value, "credentialPolicy"));
            return this;
        }

        /**
         * Sets what changes stored secrets at their target systems when they are rotated; none by default.
         *
         * @param value the rotation handler
         * @return this builder
         */
        public Builder rotationHandler(RotationHandler value) {
            once(rotationHandler, "rotationHandler");
            rotationHandler = Objects.requireNonNull(value, "rotationHandler");
            return this;
        }

        /**
         * Sets how long a credential may go unused before the lifecycle sweep revokes it.
         *
         * @param value credentials unused for this long are revoked by the lifecycle sweep; off by default
         * @return this builder
         */
        public Builder revokeCredentialsUnusedFor(Duration value) {
            once(unusedCredentialLimit, "revokeCredentialsUnusedFor");
            unusedCredentialLimit = dev.steward.internal.Checks.positive("revokeCredentialsUnusedFor", value);
            return this;
        }

        /**
         * @param value how long a public-key {@link Challenge} is accepted after it is
         *     issued: positive, at most {@link Challenge#MAX_LIFETIME} (1 hour);
         *     {@link Challenge#DEFAULT_LIFETIME} (2 minutes) by default
         * @return this builder
         */
        public Builder challengeLifetime(Duration value) {
            once(challengeLifetime, "challengeLifetime");
            Duration lifetime = dev.steward.internal.Checks.positive("challengeLifetime", value);
            if (lifetime.compareTo(Challenge.MAX_LIFETIME) > 0) {
                throw new ValidationException("challengeLifetime", "must be at most 1 hour");
            }
            challengeLifetime = lifetime;
            return this;
        }

        /**
         * Sets how reviews run outside campaigns.
         *
         * @param value how reviews run outside campaigns: reconfirmation of agents, event-triggered
         *     micro-reviews, who reviews a person's access; {@link ReviewPolicy#defaults()} by default
         * @return this builder
         */
        public Builder reviews(ReviewPolicy value) {
            once(reviewPolicy, "reviews");
            reviewPolicy = Objects.requireNonNull(value, "reviews");
            return this;
        }

        /**
         * Sets what tells reviewers about their review work.
         *
         * @param value tells reviewers about their review work (assignments, reminders,
         *     escalations); {@link Notifier#NONE} by default
         * @return this builder
         */
        public Builder notifier(Notifier value) {
            once(notifier, "notifier");
            notifier = Objects.requireNonNull(value, "notifier");
            return this;
        }

        /**
         * Sets how often the lifecycle sweep runs in the background.
         *
         * @param value how often to run the lifecycle sweep in the background; off by default
         *     (call {@link Steward#sweep()} from the host's scheduler instead)
         * @return this builder
         */
        public Builder sweepInterval(Duration value) {
            once(sweepInterval, "sweepInterval");
            sweepInterval = dev.steward.internal.Checks.positive("sweepInterval", value);
            return this;
        }

        /**
         * Runs Steward's background work (following the store's changes, recording usage, storing
         * buffered audit events, the lifecycle sweep) on the host's scheduler instead of on a daemon
         * thread of Steward's own ({@code steward-background}, the default). The tasks never run at
         * the same time, even on a pool of several threads. Steward never shuts the host's scheduler
         * down: {@link Steward#close()} cancels its own tasks and waits up to five seconds for one
         * that is running.
         *
         * @param value the host's scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            once(scheduler, "scheduler");
            scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * @return a new, running Steward over the store
         * @throws ValidationException if no store is set, or settings conflict
         */
        public Steward build() {
            if (store == null) {
                throw new ValidationException("store", "is required");
            }
            if (signer == null && store.isDurable()) {
                LOG.warn("no auditSigner was given, so checkpoints are signed with a key generated for this process "
                        + "only: after a restart, or on another instance, they cannot be verified with one public key. "
                        + "Give a durable store a signer whose key outlives the process");
            }
            Duration agentLifetime = maxAgentLifetime != null ? maxAgentLifetime : DEFAULT_MAX_AGENT_LIFETIME;
            Duration agentGrantLifetime = maxAgentGrantLifetime != null ? maxAgentGrantLifetime : agentLifetime;
            if (agentGrantLifetime.compareTo(agentLifetime) > 0) {
                throw new ValidationException("maxAgentGrantLifetime", "must not exceed maxAgentLifetime");
            }
            Settings settings = new Settings(clock != null ? clock : Clock.systemUTC(), agentLifetime,
                    agentGrantLifetime, maxDelegationDepth,
                    orphanPolicy != null ? orphanPolicy : DEFAULT_ORPHAN_POLICY,
                    managers != null ? managers : ManagerDirectory.NONE,
                    signer != null ? signer : AuditSigners.generateEd25519(), checkpointInterval,
                    decisionAudit != null ? decisionAudit : DEFAULT_DECISION_AUDIT, AUDIT_BATCH_SIZE,
                    AUDIT_BUFFER_LIMIT, new CredentialSettings(Optional.ofNullable(secrets), new KeyHasher(keyPepper),
                            Map.copyOf(credentialPolicies), Optional.ofNullable(rotationHandler),
                            Optional.ofNullable(unusedCredentialLimit),
                            challengeLifetime != null ? challengeLifetime : Challenge.DEFAULT_LIFETIME),
                    reviewPolicy != null ? reviewPolicy : ReviewPolicy.defaults(),
                    notifier != null ? notifier : Notifier.NONE);
            Duration sync = syncInterval != null ? syncInterval : DEFAULT_SYNC_INTERVAL;
            Duration staleness = maxStaleness != null ? maxStaleness : sync.multipliedBy(2);
            if (staleness.compareTo(sync) < 0) {
                throw new ValidationException("maxStaleness", "must be at least syncInterval");
            }
            return new Steward(new StewardRuntime(store, settings, new StewardRuntime.Timing(sync, staleness,
                    auditFlushInterval != null ? auditFlushInterval : DEFAULT_AUDIT_FLUSH_INTERVAL, sweepInterval,
                    scheduler)));
        }
    }
}
