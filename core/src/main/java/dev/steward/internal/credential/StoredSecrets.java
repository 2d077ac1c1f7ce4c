package dev.steward.internal.credential;

import dev.steward.spi.PluginFailures;
import dev.steward.AuditFailureException;
import dev.steward.BackendUnavailableException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.credential.Secret;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Rules;
import dev.steward.internal.authz.Authorizer;
import dev.steward.spi.EntityType;
import dev.steward.spi.RotationHandler;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Secrets held in the secret backend: stored before they are recorded, read only by an authorized
 * and audited checkout, rotated at their target system by the host's {@link RotationHandler}.
 */
final class StoredSecrets {
    private static final Log LOG = Log.of(StoredSecrets.class);
    private static final int STORE_ATTEMPTS = 3;

    private final Kernel kernel;
    private final Authorizer authorizer;

    StoredSecrets(Kernel kernel, Authorizer authorizer) {
        this.kernel = kernel;
        this.authorizer = authorizer;
    }

    private SecretBackend backend() {
        return kernel.settings().credentials().secrets().orElseThrow(() -> new ValidationException("secrets",
                "no secret backend is configured (Steward.builder().secrets(...))"));
    }

    private static SecretRef refOf(IdentityId identity, CredentialId id) {
        return new SecretRef("steward/" + identity.value().replace('@', '.') + "/" + id.value());
    }

    /** The labels that tie a stored secret to its identity and credential in the backend. */
    private static Map<String, String> labels(IdentityId identity, CredentialId credential) {
        return Map.of(SecretBackend.LABEL_IDENTITY, identity.value(), SecretBackend.LABEL_CREDENTIAL, credential.value());
    }

    /** Calls plugin code, so that its failure surfaces as a Steward error naming the backend. */
    private <T> T call(SecretBackend backend, String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (Throwable e) {
            throw PluginFailures.unavailable(backend.name(), what + " failed", e);
        }
    }

    Credential store(CredentialSpec spec, Secret material, Actor actor, DefaultCredentialService service) {
        SecretBackend backend = backend();
        CredentialId id = CredentialId.random();
        SecretRef ref = refOf(spec.identity(), id);
        if (kernel.read(tx -> tx.table(EntityType.IDENTITY).find(spec.identity().value())).isEmpty()) {
            throw new dev.steward.NotFoundException("identity", spec.identity().value());
        }
        byte[] bytes = material.utf8();
        long version;
        try {
            version = call(backend, "storing a secret",
                    () -> backend.put(ref, bytes, OptionalLong.of(0), labels(spec.identity(), id)));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        try {
            return kernel.change(actor, c -> {
                Rules.systemOrHuman(c);
                Identity holder = service.holder(c, spec.identity());
                Credential credential = Credential.builder().id(id).identity(holder.id())
                        .type(CredentialType.STORED_SECRET).name(spec.name()).status(CredentialStatus.ACTIVE)
                        .fingerprint("secret-v" + version).verifier("").secretRef(ref.path()).issuedBy(c.actor().id())
                        .issuedAt(c.now()).expiresAt(service.expiry(spec, holder, c.now())).statusReason("stored")
                        .updatedAt(c.now()).build();
                c.insert(EntityType.CREDENTIAL, credential, AuditAction.CREDENTIAL_ISSUED, "secret stored",
                        DefaultCredentialService.issuedDetails(credential));
                return credential;
            });
        } catch (RuntimeException e) {
            destroyQuietly(backend, ref);
            throw e;
        }
    }

    private static void destroyQuietly(SecretBackend backend, SecretRef ref) {
        try {
            backend.destroy(ref);
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.warn("secret {} was stored but not recorded, and could not be destroyed", ref, e);
        }
    }

    Secret checkout(Credential credential, IdentityId caller, String correlationId) {
        if (credential.type() != CredentialType.STORED_SECRET) {
            throw new ValidationException("id", credential.id() + " is " + credential.type() + "; only stored secrets are checked out");
        }
        if (!credential.isAcceptedAt(kernel.settings().clock().instant())) {
            throw new ValidationException("id", credential.id() + " is " + credential.status() + " or expired");
        }
        Decision decision = authorizer.decideDurably(AccessRequest.of(caller, CredentialService.CHECKOUT_ACTION,
                CredentialService.checkoutResource(credential)).correlationId(correlationId), false);
        if (!decision.allowed()) {
            throw new AccessDeniedException(decision);
        }
        SecretBackend backend = backend();
        SecretRef ref = new SecretRef(credential.secretRef().orElseThrow());
        Secret secret;
        try (SecretVersion version = call(backend, "reading a secret", () -> backend.get(ref))
                .orElseThrow(() -> new BackendUnavailableException(backend.name(), "secret " + ref + " is missing", null))) {
            byte[] value = version.value();
            secret = Secret.ofUtf8(value);
            Arrays.fill(value, (byte) 0);
        }
        try {
            kernel.change(new Actor(caller), c -> {
                c.record(new AuditEvent(0, kernel.audit().nextId(), c.now(), AuditAction.CREDENTIAL_CHECKED_OUT,
                        AuditOutcome.SUCCESS, caller, List.of(), "credential", credential.id().value(),
                        "decision " + decision.auditEventId(), Optional.of(correlationId),
                        Map.of("fingerprint", credential.fingerprint()), "", ""));
                return null;
            });
        } catch (RuntimeException e) {
            secret.close();
            throw e instanceof AuditFailureException ? e : new AuditFailureException(kernel.store().name(), e);
        }
        return secret;
    }

    private static Secret rotateAtTarget(RotationHandler handler, Credential credential, Secret current) {
        try {
            return Objects.requireNonNull(handler.rotate(credential, current), "the rotation handler returned null");
        } catch (Throwable e) {
            throw PluginFailures.unavailable("rotation handler " + handler.getClass().getName(),
                    "could not rotate " + credential.id() + " at its target system", e);
        }
    }

    /**
     * The target already uses the new secret, so losing it would lock everyone out: the write is
     * tried a few times before giving up, and the failure says that a new rotation is needed.
     */
    private long storeRotated(SecretBackend backend, SecretRef ref, byte[] value, long expectedVersion,
            Map<String, String> labels) {
        Throwable last = null;
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
            try {
                return backend.put(ref, value, OptionalLong.of(expectedVersion), labels);
            } catch (dev.steward.ConflictException e) {
                throw e;
            } catch (Throwable e) {
                PluginFailures.rethrowFatal(e);
                last = e;
                LOG.warn("storing the rotated secret {} failed (attempt {} of {})", ref, attempt, STORE_ATTEMPTS);
            }
        }
        throw new BackendUnavailableException(backend.name(), "the target system now uses a new secret for " + ref
                + " that could not be stored; rotate it again once the backend is reachable", last);
    }

    boolean canRotate(Credential credential) {
        return credential.type() == CredentialType.STORED_SECRET
                && kernel.settings().credentials().rotation().map(h -> h.supports(credential)).orElse(false);
    }

    Credential rotate(Credential old, Actor actor, String reason, DefaultCredentialService service) {
        if (old.type() != CredentialType.STORED_SECRET) {
            throw new ValidationException("id", old.id() + " is " + old.type() + "; rotateSecret rotates stored secrets");
        }
        CredentialTransitions.require(old, CredentialStatus.ROTATED);
        RotationHandler handler = kernel.settings().credentials().rotation().filter(h -> h.supports(old))
                .orElseThrow(() -> new ValidationException("rotationHandler", "no rotation handler supports " + old.id()));
        kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            return null;
        });
        SecretBackend backend = backend();
        SecretRef ref = new SecretRef(old.secretRef().orElseThrow());
        SecretVersion current = call(backend, "reading a secret", () -> backend.get(ref))
                .orElseThrow(() -> new BackendUnavailableException(backend.name(), "secret " + ref + " is missing", null));
        CredentialId successorId = CredentialId.random();
        long newVersion;
        try (current; Secret now = Secret.ofUtf8(current.value()); Secret next = rotateAtTarget(handler, old, now)) {
            byte[] bytes = next.utf8();
            try {
                newVersion = storeRotated(backend, ref, bytes, current.version(), labels(old.identity(), successorId));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        return kernel.change(actor, c -> {
            Credential fresh = c.credential(old.id());
            CredentialTransitions.require(fresh, CredentialStatus.ROTATED);
            Identity holder = service.holder(c, fresh.identity());
            Credential successor = Credential.builder().id(successorId).identity(holder.id())
                    .type(CredentialType.STORED_SECRET).name(fresh.name()).status(CredentialStatus.ACTIVE)
                    .fingerprint("secret-v" + newVersion).verifier("").secretRef(fresh.secretRef())
                    .issuedBy(c.actor().id()).issuedAt(c.now())
                    .expiresAt(service.expiry(CredentialSpec.storedSecret(holder.id()), holder, c.now()))
                    .predecessor(fresh.id()).statusReason(reason).updatedAt(c.now()).build();
            c.insert(EntityType.CREDENTIAL, successor, AuditAction.CREDENTIAL_ISSUED, reason,
                    DefaultCredentialService.issuedDetails(successor));
            service.retire(c, fresh, successor, reason);
            return successor;
        });
    }
}
