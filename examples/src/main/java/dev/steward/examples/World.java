package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.audit.AuditAction;
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
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.OrphanPolicy;
import dev.steward.memory.InMemoryStore;
import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the stories share: one {@link Steward} on the in-memory store, with stored secrets kept
 * encrypted in memory or, when configured, in Vault ({@link ExampleSecrets}), and issued keys
 * hashed with a random pepper; a clock moved by hand; and the
 * HR system that registers and retires people. Build one, run the stories on it in order, close it.
 */
public final class World implements AutoCloseable {
    /** The host's HR feed: it registers people when they join and retires them when they leave. */
    public static final Actor HR = Actor.system("hr");
    /** How long an agent whose owner left keeps working before it is cut off. */
    public static final Duration ORPHAN_GRACE = Duration.ofDays(3);
    /** The id of the key-encryption key that stored secrets are encrypted under. */
    public static final String KEK_ID = "kek-1";

    private static final int PAGE = 10_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final Steward steward;

    /** Starts Steward; the key pepper and the key-encryption key are new and random each time. */
    public World() {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        steward = Steward.builder()
                .store(InMemoryStore.create())
                .clock(clock)
                .orphanPolicy(OrphanPolicy.suspendAfter(ORPHAN_GRACE))
                .checkpointInterval(16)
                .secrets(EncryptingSecretBackend.wrap(ExampleSecrets.backend(clock), LocalKeyEncryptionKey.generate(KEK_ID)))
                .keyPepper(pepper)
                .build();
        Arrays.fill(pepper, (byte) 0);
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
        try {
            return allowed(toolCallId, action, resource, guard.call(action, resource, toolCallId, tool));
        } catch (AccessDeniedException e) {
            return ToolCallOutcome.denied(toolCallId, action, resource, e.decision());
        }
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
        try (Secret secret = steward.credentials().checkout(id, caller, correlationId)) {
            return allowed(correlationId, CredentialService.CHECKOUT_ACTION, resource,
                    "checked out (" + secret.length() + " characters)");
        } catch (AccessDeniedException e) {
            return ToolCallOutcome.denied(correlationId, CredentialService.CHECKOUT_ACTION, resource, e.decision());
        }
    }

    /** Reads an allowed call's decision back from the audit trail of its correlation id. */
    private ToolCallOutcome allowed(String correlationId, String action, String resource, String output) {
        AuditEvent decided = trail(correlationId).stream()
                .filter(e -> e.action() == AuditAction.ACCESS_DECIDED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no decision recorded for " + correlationId));
        return ToolCallOutcome.decided(decided, action, resource, output);
    }

    /**
     * @param toolCallId a tool-call id
     * @return every audit event recorded with that id, in chain order
     */
    public List<AuditEvent> trail(String toolCallId) {
        List<AuditEvent> found = new ArrayList<>();
        long from = 0;
        while (true) {
            List<AuditEvent> page = steward.audit().read(from, PAGE);
            page.stream().filter(e -> e.correlationId().filter(toolCallId::equals).isPresent()).forEach(found::add);
            if (page.size() < PAGE) {
                return found;
            }
            from += page.size();
        }
    }

    /** Stops Steward's background work and signs a final audit checkpoint. */
    @Override
    public void close() {
        steward.close();
    }
}
