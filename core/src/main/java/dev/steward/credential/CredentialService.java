package dev.steward.credential;

import dev.steward.Page;
import dev.steward.identity.Actor;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issues, verifies, rotates and revokes credentials. Obtained from
 * {@link dev.steward.Steward#credentials()}; thread-safe.
 *
 * <ul>
 *   <li>{@code API_KEY} and {@code CLIENT_SECRET}: Steward issues a self-identifying key
 *       ({@link KeyFormat}) and keeps only a keyed hash of it; the plaintext is returned once.</li>
 *   <li>{@code STORED_SECRET}: a password or token held in the secret backend; reading it is a
 *       checkout, authorized by a grant and audited.</li>
 *   <li>{@code PUBLIC_KEY}: the identity proves possession of its private key by signing a
 *       challenge; no shared secret exists.</li>
 * </ul>
 *
 * <pre>{@code
 * try (IssuedCredential key = steward.credentials().issue(CredentialSpec.apiKey(bot.id()), alice.asActor())) {
 *     deliver(key.secret());
 * }
 * VerificationResult r = steward.credentials().verify(presentedKey);
 * }</pre>
 */
public interface CredentialService {
    /** The action a grant must allow for {@link #checkout}. */
    String CHECKOUT_ACTION = "secret:read";

    /**
     * The resource a checkout is authorized on: {@code steward:secret/<identity>/<name>}. It names
     * the secret by its holder and name rather than by credential id, so a grant survives rotation
     * (every successor keeps the name).
     *
     * @param credential a stored-secret credential
     * @return the resource to grant {@link #CHECKOUT_ACTION} on
     */
    static String checkoutResource(Credential credential) {
        return "steward:secret/" + credential.identity().value() + "/" + credential.name();
    }

    /**
     * Issues an API key or client secret.
     *
     * @param spec what to issue; its type must be {@code API_KEY} or {@code CLIENT_SECRET}
     * @param actor an active human or the host system
     * @return the credential and its plaintext key, shown this once
     */
    IssuedCredential issue(CredentialSpec spec, Actor actor);

    /**
     * Stores a secret the identity may use. The material goes to the secret backend first; the
     * credential is recorded only once it is stored.
     *
     * @param spec what to store; its type must be {@code STORED_SECRET}
     * @param material the secret; the caller keeps ownership and should wipe it
     * @param actor an active human or the host system
     * @return the credential
     */
    Credential storeSecret(CredentialSpec spec, Secret material, Actor actor);

    /**
     * Registers a public key the identity holds.
     *
     * @param spec what to register; its type must be {@code PUBLIC_KEY}
     * @param algorithm the key's algorithm
     * @param x509 the key as X.509 SubjectPublicKeyInfo (DER)
     * @param actor an active human or the host system
     * @return the credential
     */
    Credential registerPublicKey(CredentialSpec spec, PublicKeyAlgorithm algorithm, byte[] x509, Actor actor);

    /**
     * Verifies a presented API key or client secret: a lookup by its id part, one keyed hash and a
     * constant-time comparison. Never throws; bad input is a failure reason.
     *
     * @param presented the key as presented
     * @return the identity and credential, or why not
     */
    VerificationResult verify(String presented);

    /**
     * @param publicKeyCredential a {@code PUBLIC_KEY} credential
     * @return a fresh one-time challenge for its holder to sign
     */
    Challenge challenge(CredentialId publicKeyCredential);

    /**
     * Verifies a signature over a challenge. Never throws; the challenge is used up either way.
     *
     * @param challenge the challenge issued by {@link #challenge(CredentialId)}
     * @param signature the holder's signature over {@link Challenge#message()}
     * @return the identity and credential, or why not
     */
    VerificationResult verifySignature(Challenge challenge, byte[] signature);

    /**
     * Reads a stored secret for a caller whose grant allows {@link #CHECKOUT_ACTION} on
     * {@link #checkoutResource(Credential)}; audited with the caller and correlation id.
     *
     * @param id the stored-secret credential
     * @param caller the identity that will use the secret
     * @param correlationId the caller's id for the operation, e.g. a tool-call id; a name in the sense
     *     of {@link dev.steward.authz.AccessRequest}
     * @return the secret; wipe it after use
     * @throws dev.steward.authz.AccessDeniedException if the caller may not read it
     */
    Secret checkout(CredentialId id, IdentityId caller, String correlationId);

    /**
     * Rotates an API key or client secret: issues a successor, and an active predecessor stays
     * accepted until its overlap ends. A revoked or expired key (for example after an exposure) is
     * replaced without overlap; a key that was already rotated is refused.
     *
     * @param id the credential to rotate
     * @param actor an active human or the host system
     * @param reason why
     * @return the successor and its plaintext key
     */
    IssuedCredential rotateKey(CredentialId id, Actor actor, String reason);

    /**
     * Rotates a stored secret through the configured {@link dev.steward.spi.RotationHandler},
     * which changes it at the target system.
     *
     * @param id the stored-secret credential
     * @param actor an active human or the host system
     * @param reason why
     * @return the successor
     */
    Credential rotateSecret(CredentialId id, Actor actor, String reason);

    /**
     * Revokes a credential at once.
     *
     * @param id the credential
     * @param actor an active human, the host system, or the credential's own identity
     * @param reason why
     * @return the revoked credential
     */
    Credential revoke(CredentialId id, Actor actor, String reason);

    /**
     * Reports that a credential was exposed (for example found by {@link SecretScanner} in a log or
     * prompt): revokes it at once and records an exposure event tied to its identity and owner.
     *
     * @param id the exposed credential
     * @param source where it was found, e.g. {@code "ci log build-1234"}
     * @param actor who reports it
     * @return what was done, and whether a rotation can replace it
     */
    ExposureReport reportExposure(CredentialId id, String source, Actor actor);

    /**
     * {@return the credential with this id, if it exists}
     *
     * @param id a credential id
     */
    Optional<Credential> find(CredentialId id);

    /**
     * @param id a credential id
     * @return the credential
     * @throws dev.steward.NotFoundException if it does not exist
     */
    Credential get(CredentialId id);

    /**
     * {@return one page of the credentials the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<Credential> query(CredentialQuery query);

    /**
     * @param horizon an instant
     * @return active credentials whose age reaches their type's {@code maxAge} by {@code horizon}
     */
    List<Credential> dueForRotation(Instant horizon);
}
