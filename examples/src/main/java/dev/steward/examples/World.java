package dev.steward.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steward.Page;
import dev.steward.Steward;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.ToolCall;
import dev.steward.authz.ToolCallGuard;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialService;
import dev.steward.credential.Secret;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.OrphanPolicy;
import dev.steward.jdbc.JdbcSchema;
import dev.steward.jdbc.JdbcSecretBackend;
import dev.steward.jdbc.JdbcStore;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.memory.InMemoryStore;
import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the stories share: one {@link Steward} with stored secrets kept encrypted and issued keys
 * hashed with a pepper; a clock moved by hand; and the HR system that registers and retires people.
 * Build one, run the stories on it in order, close it.
 *
 * <p>By default ({@link #configured()}) the world lives in an H2 database file, {@code steward.mv.db}
 * in the data directory (the system property {@code steward.examples.data}, {@code data} by default;
 * the Maven profile sets {@code examples/data}), with identities, grants, credentials, the audit
 * log and the encrypted secrets in one file: each run adds to what the runs before it stored, and
 * the log keeps verifying across runs. The host keys (the key pepper, the key-encryption key and the
 * audit signing key) are kept in {@code host-keys.properties} beside it, readable by its owner only;
 * a real host keeps them in its key management system. {@code -Dsteward.examples.store=memory} runs
 * on the in-memory store instead. Either way, stored secrets go to Vault instead when it is
 * configured ({@link ExampleSecrets}).
 */
public final class World implements AutoCloseable {
    /** The host's HR feed: it registers people when they join and retires them when they leave. */
    public static final Actor HR = Actor.system("hr");
    /** How long an agent whose owner left keeps working before it is cut off. */
    public static final Duration ORPHAN_GRACE = Duration.ofDays(3);
    /** The id of the key-encryption key that stored secrets are encrypted under. */
    public static final String KEK_ID = "kek-1";
    /** Where the stories' clock starts on a new store. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static final int PAGE = 10_000;
    private static final String PREFIX = "steward_";

    private final MutableClock clock;
    private final Steward steward;
    private final Earlier earlier;
    private final AutoCloseable database;
    /** Tells this run's tool calls from those of the runs before it on the same store. */
    private final String run;

    /**
     * What the store held before the stories of this run.
     *
     * @param store a short description of the store
     * @param identities identities stored by earlier runs
     * @param auditEvents audit events stored by earlier runs
     * @param auditVerified whether the earlier log verified with this world's audit key
     */
    public record Earlier(String store, long identities, long auditEvents, boolean auditVerified) {
    }

    private World(MutableClock clock, Steward steward, AutoCloseable database, String store) {
        this.clock = clock;
        this.steward = steward;
        this.database = database;
        long events = countEvents(steward);
        this.earlier = new Earlier(store, countIdentities(steward), events, steward.audit().verify().valid());
        byte[] tag = new byte[3];
        new SecureRandom().nextBytes(tag);
        this.run = HexFormat.of().formatHex(tag);
        if (events > 0) {
            // Time in the log moves forward only: start at 09:00 on the day after the last event.
            Instant last = steward.audit().read(events - 1, 1).get(0).at();
            Instant next = last.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
            clock.advance(Duration.between(START, next));
        }
    }

    /** @return a world on the in-memory store, with new random host keys */
    public static World inMemory() {
        MutableClock clock = new MutableClock(START);
        HostKeys keys = HostKeys.random();
        Steward steward = builder(clock, keys)
                .store(InMemoryStore.create())
                .secrets(EncryptingSecretBackend.wrap(
                        ExampleSecrets.vault().orElseGet(() -> InMemorySecretBackend.create(clock)), keys.kek(KEK_ID)))
                .build();
        keys.wipe();
        return new World(clock, steward, () -> { }, "in-memory store");
    }

    /**
     * @param directory where the H2 file and the host keys live; created if missing
     * @return a world on the H2 file store there, continuing what earlier runs stored
     */
    public static World onH2(Path directory) {
        MutableClock clock = new MutableClock(START);
        HostKeys keys = HostKeys.loadOrCreate(directory.resolve("host-keys.properties"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("steward"));
        config.setMaximumPoolSize(4);
        config.setPoolName("steward-examples");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            JdbcSchema.builder().tablePrefix(PREFIX).build().migrate(pool);
            Steward steward = builder(clock, keys)
                    .store(JdbcStore.builder(pool).tablePrefix(PREFIX).build())
                    .secrets(EncryptingSecretBackend.wrap(ExampleSecrets.vault().orElseGet(
                            () -> JdbcSecretBackend.builder(pool).tablePrefix(PREFIX).clock(clock).build()),
                            keys.kek(KEK_ID)))
                    .build();
            keys.wipe();
            return new World(clock, steward, pool, "H2 file " + directory.resolve("steward.mv.db"));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * @return the world the system properties ask for: the H2 file store in
     *     {@code steward.examples.data} unless {@code steward.examples.store} is {@code memory}
     */
    public static World configured() {
        String store = System.getProperty("steward.examples.store", "h2");
        return switch (store) {
            case "h2" -> onH2(Path.of(System.getProperty("steward.examples.data", "data")));
            case "memory" -> inMemory();
            default -> throw new IllegalArgumentException("steward.examples.store must be h2 or memory, not " + store);
        };
    }

    private static Steward.Builder builder(MutableClock clock, HostKeys keys) {
        return Steward.builder()
                .clock(clock)
                .orphanPolicy(OrphanPolicy.suspendAfter(ORPHAN_GRACE))
                .checkpointInterval(16)
                .auditSigner(keys.signer())
                .keyPepper(keys.pepper());
    }

    private static long countEvents(Steward steward) {
        List<AuditCheckpoint> checkpoints = steward.audit().checkpoints();
        long events = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).sequence() + 1;
        for (List<AuditEvent> tail = steward.audit().read(events, PAGE); !tail.isEmpty();
                tail = steward.audit().read(events, PAGE)) {
            events += tail.size();
        }
        return events;
    }

    private static long countIdentities(Steward steward) {
        long count = 0;
        IdentityQuery query = IdentityQuery.all().limit(IdentityQuery.MAX_LIMIT);
        Page<Identity> page = steward.identities().query(query);
        while (true) {
            count += page.items().size();
            if (page.nextCursor().isEmpty()) {
                return count;
            }
            page = steward.identities().query(query.after(page.nextCursor().get()));
        }
    }

    /** @return what the store held before this run's stories */
    public Earlier earlier() {
        return earlier;
    }

    /** @return the shared Steward */
    public Steward steward() {
        return steward;
    }

    /** @return the clock every rule is evaluated against */
    public MutableClock clock() {
        return clock;
    }

    /**
     * @param email the person's email address
     * @return the person, registered by HR and active at once
     */
    public Identity person(String email) {
        return steward.identities().register(IdentitySpec.human(email), HR);
    }

    /**
     * @param id an identity id, or a {@code system:} id
     * @return the identity's name, or the id itself for the host system
     */
    public String nameOf(IdentityId id) {
        return id.isSystem() ? id.value() : steward.identities().find(id).map(Identity::name).orElse(id.value());
    }

    /**
     * Runs one tool call through the guard and reports how it was decided: from the
     * {@link AccessDeniedException} when denied, from the audit trail of the call when allowed.
     *
     * @param guard the guard of the calling identity
     * @param action the action the tool performs
     * @param resource the resource it touches
     * @param toolCallId the caller's id for the call
     * @param tool the tool itself
     * @return the outcome
     */
    public ToolCallOutcome call(ToolCallGuard guard, String action, String resource, String toolCallId,
            ToolCall<String, RuntimeException> tool) {
        String id = callId(toolCallId);
        try {
            return allowed(id, action, resource, guard.call(action, resource, id, tool));
        } catch (AccessDeniedException e) {
            return ToolCallOutcome.denied(id, action, resource, e.decision());
        }
    }

    /**
     * @param name a story's name for a call, e.g. {@code tc-203}
     * @return the call's id in this run, e.g. {@code tc-203.4f2a9c}: the stories name their calls
     *     the same in every run, and a persistent store keeps the calls of every run, so that each
     *     run's trail of a call shows that run's events only
     */
    public String callId(String name) {
        return name + "." + run;
    }

    /**
     * Checks a stored secret out for an identity, then wipes it; reports how the checkout was
     * decided, like {@link #call}, with the secret's length as the only output.
     *
     * @param id the stored-secret credential
     * @param caller the identity that uses the secret
     * @param correlationId the caller's id for the checkout
     * @return the outcome of {@link CredentialService#CHECKOUT_ACTION} on the credential
     */
    public ToolCallOutcome checkout(CredentialId id, IdentityId caller, String correlationId) {
        String resource = CredentialService.checkoutResource(steward.credentials().get(id));
        String callId = callId(correlationId);
        try (Secret secret = steward.credentials().checkout(id, caller, callId)) {
            return allowed(callId, CredentialService.CHECKOUT_ACTION, resource,
                    "checked out (" + secret.length() + " characters)");
        } catch (AccessDeniedException e) {
            return ToolCallOutcome.denied(callId, CredentialService.CHECKOUT_ACTION, resource, e.decision());
        }
    }

    /** Reads an allowed call's decision back from the audit trail of its correlation id. */
    private ToolCallOutcome allowed(String correlationId, String action, String resource, String output) {
        return ToolCallOutcome.decided(decision(trail(correlationId), correlationId), action, resource,
                Optional.of(output));
    }

    /**
     * Reports how a call that another component guarded went (an MCP server's guard, say), read
     * back from the audit trail of its correlation id: the action and resource its decision
     * records, the reason, the grants and the event.
     *
     * @param correlationId the id the call was recorded under
     * @param output what the tool returned, or empty if it did not run
     * @return the outcome
     */
    public ToolCallOutcome recorded(String correlationId, Optional<String> output) {
        AuditEvent decided = decision(trail(correlationId), correlationId);
        return ToolCallOutcome.decided(decided, decided.details().get("action"), decided.targetId(), output);
    }

    private static AuditEvent decision(List<AuditEvent> trail, String correlationId) {
        return trail.stream()
                .filter(e -> e.action() == AuditAction.ACCESS_DECIDED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no decision recorded for " + correlationId));
    }

    /**
     * @param toolCallId a call's id in this run, as {@link #callId} gives it
     * @return every audit event recorded with that id, in chain order
     */
    public List<AuditEvent> trail(String toolCallId) {
        return steward.audit().trail(toolCallId);
    }

    /** Stops Steward's background work, signs a final audit checkpoint and closes the database. */
    @Override
    public void close() {
        try {
            steward.close();
        } finally {
            try {
                database.close();
            } catch (Exception e) {
                throw new IllegalStateException("the database did not close", e);
            }
        }
    }
}
