package dev.steward.internal.credential;

import dev.steward.GovernanceRule;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.PolicyViolationException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.credential.Challenge;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.credential.ExposureReport;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.PublicKeyAlgorithm;
import dev.steward.credential.Secret;
import dev.steward.credential.VerificationResult;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Changes;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Pages;
import dev.steward.internal.Rules;
import dev.steward.internal.UsageRecorder;
import dev.steward.internal.authz.Authorizer;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Issue, store, register, rotate, revoke and report credentials. */
public final class DefaultCredentialService implements CredentialService {
    private final Kernel kernel;
    private final CredentialVerifier verifier;
    private final StoredSecrets stored;
    private final UsageRecorder<CredentialId> usage;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param kernel the shared state
     * @param authorizer decides checkouts
     * @param usage counts successful uses
     */
    public DefaultCredentialService(Kernel kernel, Authorizer authorizer, UsageRecorder<CredentialId> usage) {
        this.kernel = kernel;
        this.usage = usage;
        this.verifier = new CredentialVerifier(kernel, usage);
        this.stored = new StoredSecrets(kernel, authorizer);
    }

    @Override
    public IssuedCredential issue(CredentialSpec spec, Actor actor) {
        Objects.requireNonNull(spec, "spec");
        requireType(spec, spec.type().isIssued(), "API_KEY or CLIENT_SECRET");
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity holder = holder(c, spec.identity());
            return issueKey(c, holder, spec.type(), spec.name(), expiry(spec, holder, c.now()), Optional.empty());
        });
    }

    private IssuedCredential issueKey(Changes c, Identity holder, CredentialType type, String name,
            Optional<Instant> expiresAt, Optional<CredentialId> predecessor) {
        CredentialId id = CredentialId.random();
        String key = KeyFormat.format(type, id, KeyFormat.newSecret(random));
        String secretPart = KeyFormat.parse(key).orElseThrow().secret();
        Credential credential = Credential.builder().id(id).identity(holder.id()).type(type).name(name)
                .status(CredentialStatus.ACTIVE).fingerprint(KeyFormat.fingerprint(key))
                .verifier(kernel.settings().credentials().hasher().verifier(secretPart)).issuedBy(c.actor().id())
                .issuedAt(c.now()).expiresAt(expiresAt).predecessor(predecessor).statusReason("issued")
                .updatedAt(c.now()).build();
        c.insert(EntityType.CREDENTIAL, credential, AuditAction.CREDENTIAL_ISSUED, "issued", issuedDetails(credential));
        return new IssuedCredential(credential, Secret.of(key.toCharArray()));
    }

    static Map<String, String> issuedDetails(Credential credential) {
        return Map.of("type", credential.type().name(), "name", credential.name(), "fingerprint",
                credential.fingerprint(), "expiresAt", credential.expiresAt().map(Instant::toString).orElse(""),
                "predecessor", credential.predecessor().map(CredentialId::value).orElse(""));
    }

    @Override
    public Credential storeSecret(CredentialSpec spec, Secret material, Actor actor) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(material, "material");
        requireType(spec, spec.type() == CredentialType.STORED_SECRET, "STORED_SECRET");
        return stored.store(spec, material, actor, this);
    }

    @Override
    public Credential registerPublicKey(CredentialSpec spec, PublicKeyAlgorithm algorithm, byte[] x509, Actor actor) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(algorithm, "algorithm");
        requireType(spec, spec.type() == CredentialType.PUBLIC_KEY, "PUBLIC_KEY");
        PublicKeys.Parsed key = PublicKeys.parse(algorithm, x509);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity holder = holder(c, spec.identity());
            Credential credential = Credential.builder().id(CredentialId.random()).identity(holder.id())
                    .type(CredentialType.PUBLIC_KEY).name(spec.name()).status(CredentialStatus.ACTIVE)
                    .fingerprint(key.fingerprint()).verifier("").publicKey(key.base64()).algorithm(algorithm.name())
                    .issuedBy(c.actor().id()).issuedAt(c.now()).expiresAt(expiry(spec, holder, c.now()))
                    .statusReason("registered").updatedAt(c.now()).build();
            c.insert(EntityType.CREDENTIAL, credential, AuditAction.CREDENTIAL_ISSUED, "public key registered",
                    issuedDetails(credential));
            return credential;
        });
    }

    /**
     * Inside a unit of work: the credential's holder must exist and not be terminal.
     *
     * @param c the unit of work
     * @param id the holder's id
     * @return the holder
     */
    Identity holder(Changes c, IdentityId id) {
        Identity holder = c.identity(id);
        if (holder.status().isTerminal()) {
            throw new ValidationException("identity", id + " is " + holder.status() + "; it cannot hold credentials");
        }
        return holder;
    }

    /**
     * The expiry a credential gets: the one asked for, or the type's maximum lifetime; never past
     * the maximum nor past the holder's own expiry.
     *
     * @param spec the spec
     * @param holder the holder
     * @param now the issue instant
     * @return the expiry
     */
    Optional<Instant> expiry(CredentialSpec spec, Identity holder, Instant now) {
        Instant limit = now.plus(kernel.settings().credentials().policy(spec.type()).maxLifetime());
        Instant asked = spec.resolveExpiry(now).orElse(limit);
        if (!asked.isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
        if (asked.isAfter(limit)) {
            throw new PolicyViolationException(GovernanceRule.CREDENTIAL_LIFETIME, "a " + spec.type()
                    + " may live at most " + kernel.settings().credentials().policy(spec.type()).maxLifetime());
        }
        return Optional.of(holder.expiresAt().filter(asked::isAfter).orElse(asked));
    }

    private static void requireType(CredentialSpec spec, boolean ok, String expected) {
        if (!ok) {
            throw new ValidationException("spec.type", "must be " + expected + " for this operation, not " + spec.type());
        }
    }

    @Override
    public VerificationResult verify(String presented) {
        return verifier.verify(presented);
    }

    @Override
    public Challenge challenge(CredentialId publicKeyCredential) {
        Objects.requireNonNull(publicKeyCredential, "publicKeyCredential");
        return verifier.challenge(publicKeyCredential);
    }

    @Override
    public VerificationResult verifySignature(Challenge challenge, byte[] signature) {
        return verifier.verifySignature(challenge, signature);
    }

    @Override
    public Secret checkout(CredentialId id, IdentityId caller, String correlationId) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
        Checks.name("correlationId", correlationId);
        return stored.checkout(get(id), caller, correlationId);
    }

    @Override
    public IssuedCredential rotateKey(CredentialId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Credential old = c.credential(id);
            if (!old.type().isIssued()) {
                throw new ValidationException("id", id + " is " + old.type() + "; rotateKey rotates issued keys");
            }
            if (old.status() == CredentialStatus.ROTATED) {
                CredentialTransitions.require(old, CredentialStatus.ROTATED);
            }
            Identity holder = holder(c, old.identity());
            IssuedCredential successor = issueKey(c, holder, old.type(), old.name(),
                    expiry(CredentialSpec.of(old.type(), holder.id()), holder, c.now()), Optional.of(old.id()));
            if (old.status() == CredentialStatus.ACTIVE) {
                retire(c, old, successor.credential(), reason);
            }
            return successor;
        });
    }

    /**
     * Marks a credential rotated, accepted until its type's overlap ends.
     *
     * @param c the unit of work
     * @param old the predecessor
     * @param successor its successor
     * @param reason why
     */
    void retire(Changes c, Credential old, Credential successor, String reason) {
        CredentialTransitions.rotate(c, old, successor,
                c.now().plus(kernel.settings().credentials().policy(old.type()).overlap()), reason);
    }

    @Override
    public Credential rotateSecret(CredentialId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return stored.rotate(get(id), actor, reason, this);
    }

    @Override
    public Credential revoke(CredentialId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Credential credential = c.credential(id);
            if (!c.actor().id().equals(credential.identity())) {
                Rules.systemOrHuman(c);
            }
            return CredentialTransitions.revoke(c, credential, reason, Map.of());
        });
    }

    @Override
    public ExposureReport reportExposure(CredentialId id, String source, Actor actor) {
        Objects.requireNonNull(id, "id");
        String where = Checks.text("source", source);
        return kernel.change(actor, c -> {
            Rules.activeActor(c);
            Credential credential = c.credential(id);
            Optional<IdentityId> owner = c.tx().table(EntityType.IDENTITY).find(credential.identity().value())
                    .flatMap(Identity::owner);
            Map<String, String> details = Map.of("source", where, "fingerprint", credential.fingerprint(),
                    "identity", credential.identity().value(), "owner", owner.map(IdentityId::value).orElse(""));
            CredentialTransitions.Exposure exposure = CredentialTransitions.expose(c, credential, "exposed in " + where,
                    details);
            boolean rotatable = credential.type().isIssued() || stored.canRotate(credential);
            return new ExposureReport(exposure.credential(), credential.identity(), owner, exposure.eventId(),
                    rotatable);
        });
    }

    @Override
    public Optional<Credential> find(CredentialId id) {
        Objects.requireNonNull(id, "id");
        flushUsage();
        return kernel.read(tx -> tx.table(EntityType.CREDENTIAL).find(id.value()));
    }

    @Override
    public Credential get(CredentialId id) {
        return find(id).orElseThrow(() -> new NotFoundException("credential", id.value()));
    }

    @Override
    public Page<Credential> query(CredentialQuery query) {
        Objects.requireNonNull(query, "query");
        flushUsage();
        return kernel.read(tx -> tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(query)));
    }

    @Override
    public List<Credential> dueForRotation(Instant horizon) {
        Objects.requireNonNull(horizon, "horizon");
        List<Credential> due = new ArrayList<>();
        flushUsage();
        EntityQuery<Credential> query = EntityQuery.of(CredentialQuery.all().status(CredentialStatus.ACTIVE).limit(1000));
        for (Credential credential : Pages.all(kernel::page, query)) {
            Instant dueAt = credential.issuedAt().plus(kernel.settings().credentials().policy(credential.type()).maxAge());
            if (!dueAt.isAfter(horizon)) {
                due.add(credential);
            }
        }
        return due;
    }

    /** Writes pending usage telemetry, so reads see it; a failure only delays it. */
    public void flushUsage() {
        usage.flush(kernel.store());
    }
}
