package dev.steward.internal.credential;

import dev.steward.spi.PluginFailures;
import dev.steward.NotFoundException;
import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.credential.Challenge;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.PublicKeyAlgorithm;
import dev.steward.credential.VerificationFailure;
import dev.steward.credential.VerificationResult;
import dev.steward.identity.Identity;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.UsageRecorder;
import dev.steward.internal.identity.Standing;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verification of presented keys and of signatures over challenges, from the in-memory
 * credential index: no store round trip, no exception for bad input, nothing presented in any
 * log line or message.
 */
public final class CredentialVerifier {
    private static final Log LOG = Log.of(CredentialVerifier.class);
    private static final int MAX_OPEN_CHALLENGES = 100_000;

    private final Kernel kernel;
    private final Standing standing;
    private final UsageRecorder<CredentialId> usage;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Challenge> challenges = new ConcurrentHashMap<>();

    /**
     * @param kernel the shared state
     * @param usage counts successful uses
     */
    public CredentialVerifier(Kernel kernel, UsageRecorder<CredentialId> usage) {
        this.kernel = kernel;
        this.standing = new Standing(kernel);
        this.usage = usage;
    }

    /**
     * {@return whether the presented key is valid, and whose it is}
     *
     * @param presented a key as presented; may be {@code null} or malformed
     */
    public VerificationResult verify(String presented) {
        try {
            var parsed = KeyFormat.parse(presented);
            if (parsed.isEmpty()) {
                return VerificationResult.rejected(VerificationFailure.MALFORMED);
            }
            Credential c = kernel.credentials().get(parsed.get().id());
            if (c == null || c.type() != parsed.get().type()
                    || !kernel.settings().credentials().hasher().matches(parsed.get().secret(), c.verifier())) {
                return VerificationResult.rejected(VerificationFailure.UNKNOWN);
            }
            return accept(c, kernel.settings().clock().instant());
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.error("verification of a presented key failed; rejected to fail closed", e);
            return VerificationResult.rejected(VerificationFailure.ERROR);
        }
    }

    private VerificationResult accept(Credential c, Instant now) {
        if (c.status() == CredentialStatus.REVOKED) {
            recordRejection(c, now, "presented after revocation");
            return VerificationResult.rejected(VerificationFailure.REVOKED);
        }
        if (!c.isAcceptedAt(now)) {
            recordRejection(c, now, "presented after expiry");
            return VerificationResult.rejected(VerificationFailure.EXPIRED);
        }
        Identity holder = kernel.index().identity(c.identity());
        if (holder == null || standing.of(holder, now).isPresent()) {
            return VerificationResult.rejected(VerificationFailure.IDENTITY_NOT_ACTIVE);
        }
        usage.record(c.id(), now);
        return VerificationResult.valid(c);
    }

    /** A valid secret of a dead credential is a signal worth keeping: it may be a leak in use. */
    private void recordRejection(Credential c, Instant now, String reason) {
        try {
            kernel.audit().enqueue(new AuditEvent(0, kernel.audit().nextId(), now, AuditAction.CREDENTIAL_REJECTED,
                    AuditOutcome.DENIED, c.identity(), List.of(), "credential", c.id().value(), reason,
                    Optional.empty(), Map.of("status", c.status().name(), "fingerprint", c.fingerprint()), "", ""));
        } catch (StewardException e) {
            LOG.warn("the rejection of credential {} could not be recorded", c.id(), e);
        }
    }

    /**
     * {@return a new challenge for the holder of this public-key credential to sign}
     *
     * @param id a public-key credential's id
     * @throws NotFoundException if no credential has this id
     * @throws ValidationException if the credential is not a public key
     */
    public Challenge challenge(CredentialId id) {
        Credential c = kernel.credentials().get(id);
        if (c == null) {
            throw new NotFoundException("credential", id.value());
        }
        if (c.type() != CredentialType.PUBLIC_KEY) {
            throw new ValidationException("credential", id + " is " + c.type() + ", not PUBLIC_KEY");
        }
        Instant now = kernel.settings().clock().instant();
        if (challenges.size() >= MAX_OPEN_CHALLENGES) {
            challenges.values().removeIf(ch -> !now.isBefore(ch.expiresAt()));
        }
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        Challenge challenge = new Challenge(id, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                now.plus(kernel.settings().credentials().challengeTtl()));
        challenges.put(challenge.nonce(), challenge);
        return challenge;
    }

    /**
     * @param challenge a challenge this instance issued
     * @param signature the holder's signature over its message
     * @return the result; the challenge is used up either way
     */
    public VerificationResult verifySignature(Challenge challenge, byte[] signature) {
        try {
            Challenge issued = challenge == null ? null : challenges.remove(challenge.nonce());
            Instant now = kernel.settings().clock().instant();
            if (issued == null || !issued.equals(challenge)) {
                return VerificationResult.rejected(VerificationFailure.BAD_PROOF);
            }
            if (!now.isBefore(issued.expiresAt())) {
                return VerificationResult.rejected(VerificationFailure.CHALLENGE_EXPIRED);
            }
            if (signature == null) {
                return VerificationResult.rejected(VerificationFailure.BAD_PROOF);
            }
            Credential c = kernel.credentials().get(issued.credential());
            if (c == null || c.publicKey().isEmpty() || c.algorithm().isEmpty()) {
                return VerificationResult.rejected(VerificationFailure.UNKNOWN);
            }
            if (!signatureValid(c, issued.message(), signature)) {
                return VerificationResult.rejected(VerificationFailure.BAD_PROOF);
            }
            return accept(c, now);
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.error("verification of a signature failed; rejected to fail closed", e);
            return VerificationResult.rejected(VerificationFailure.ERROR);
        }
    }

    private static boolean signatureValid(Credential c, byte[] message, byte[] signature) {
        PublicKeyAlgorithm algorithm = PublicKeyAlgorithm.valueOf(c.algorithm().get());
        try {
            PublicKey key = KeyFactory.getInstance(algorithm.keyAlgorithm())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(c.publicKey().get())));
            Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
