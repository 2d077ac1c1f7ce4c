package dev.steward.credential;

import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of something an identity proves itself with, or a secret it may use. Never holds
 * secret material: for issued keys only a verifier (a keyed hash) is kept, stored secrets live in
 * the secret backend under {@code secretRef}, and public keys are not secret. {@code toString}
 * leaves the verifier out.
 *
 * @param id the credential's id
 * @param identity the identity it belongs to
 * @param type what kind it is
 * @param name a label, e.g. {@code ci-deploy-key}
 * @param status where it is in its lifecycle
 * @param fingerprint safe to log: for issued keys and public keys a short SHA-256 fingerprint
 *     ({@code sha256:} and 12 hex digits); for stored secrets the backend version it names
 *     ({@code secret-v<n>}), since a hash of a low-entropy password could be guessed
 * @param verifier for issued keys, the keyed hash that verification compares against; empty otherwise
 * @param secretRef for stored secrets, the reference in the secret backend
 * @param publicKey for public keys, the X.509 SubjectPublicKeyInfo in base64
 * @param algorithm for public keys, {@code Ed25519} or {@code EC_P256}
 * @param issuedBy who issued or registered it
 * @param issuedAt when
 * @param expiresAt when it ends; always present for agents' credentials
 * @param predecessor the credential this one replaced by rotation
 * @param overlapEndsAt when a rotated credential stops being accepted
 * @param lastUsedAt when it was last used successfully, as last recorded
 * @param useCount how many successful uses were recorded
 * @param statusReason the reason given for the last lifecycle change
 * @param updatedAt when it last changed
 * @param version the optimistic-concurrency version, starting at 1
 */
public record Credential(
        CredentialId id,
        IdentityId identity,
        CredentialType type,
        String name,
        CredentialStatus status,
        String fingerprint,
        String verifier,
        Optional<String> secretRef,
        Optional<String> publicKey,
        Optional<String> algorithm,
        IdentityId issuedBy,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        Optional<CredentialId> predecessor,
        Optional<Instant> overlapEndsAt,
        Optional<Instant> lastUsedAt,
        long useCount,
        String statusReason,
        Instant updatedAt,
        long version) {

    /**
     * Checks that nothing is null.
     *
     * @param id the credential's id
     * @param identity the identity it belongs to
     * @param type what kind it is
     * @param name a label, e.g. {@code ci-deploy-key}
     * @param status where it is in its lifecycle
     * @param fingerprint safe to log: for issued keys and public keys a short SHA-256 fingerprint
     *     ({@code sha256:} and 12 hex digits); for stored secrets the backend version it names
     *     ({@code secret-v<n>}), since a hash of a low-entropy password could be guessed
     * @param verifier for issued keys, the keyed hash that verification compares against; empty otherwise
     * @param secretRef for stored secrets, the reference in the secret backend
     * @param publicKey for public keys, the X.509 SubjectPublicKeyInfo in base64
     * @param algorithm for public keys, {@code Ed25519} or {@code EC_P256}
     * @param issuedBy who issued or registered it
     * @param issuedAt when
     * @param expiresAt when it ends; always present for agents' credentials
     * @param predecessor the credential this one replaced by rotation
     * @param overlapEndsAt when a rotated credential stops being accepted
     * @param lastUsedAt when it was last used successfully, as last recorded
     * @param useCount how many successful uses were recorded
     * @param statusReason the reason given for the last lifecycle change
     * @param updatedAt when it last changed
     * @param version the optimistic-concurrency version, starting at 1
     */
    public Credential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(secretRef, "secretRef");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(predecessor, "predecessor");
        Objects.requireNonNull(overlapEndsAt, "overlapEndsAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Whether the credential is accepted at {@code now}: active and unexpired, or rotated and
     * within its overlap.
     *
     * @param now the instant to evaluate at
     * @return whether it is accepted
     */
    public boolean isAcceptedAt(Instant now) {
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            return false;
        }
        return status == CredentialStatus.ACTIVE
                || (status == CredentialStatus.ROTATED && overlapEndsAt.map(now::isBefore).orElse(false));
    }

    /**
     * @param newStatus the new status
     * @param reason why
     * @param at when
     * @return a copy in the new status, with the version advanced
     */
    public Credential withStatus(CredentialStatus newStatus, String reason, Instant at) {
        return new Credential(id, identity, type, name, newStatus, fingerprint, verifier, secretRef, publicKey,
                algorithm, issuedBy, issuedAt, expiresAt, predecessor, overlapEndsAt, lastUsedAt, useCount, reason,
                at, version + 1);
    }

    /**
     * @param overlapEnd when the rotated credential stops being accepted
     * @param reason why
     * @param at when
     * @return a rotated copy, with the version advanced
     */
    public Credential rotated(Instant overlapEnd, String reason, Instant at) {
        return new Credential(id, identity, type, name, CredentialStatus.ROTATED, fingerprint, verifier, secretRef,
                publicKey, algorithm, issuedBy, issuedAt, expiresAt, predecessor, Optional.of(overlapEnd),
                lastUsedAt, useCount, reason, at, version + 1);
    }

    /**
     * @param usedAt the latest use
     * @param uses uses to add
     * @return a copy with the usage recorded; the version is unchanged (usage is telemetry)
     */
    public Credential withUsage(Instant usedAt, long uses) {
        Instant latest = lastUsedAt.filter(t -> t.isAfter(usedAt)).orElse(usedAt);
        return new Credential(id, identity, type, name, status, fingerprint, verifier, secretRef, publicKey,
                algorithm, issuedBy, issuedAt, expiresAt, predecessor, overlapEndsAt, Optional.of(latest),
                useCount + uses, statusReason, updatedAt, version);
    }

    @Override
    public String toString() {
        return "Credential[id=" + id + ", identity=" + identity + ", type=" + type + ", name=" + name + ", status="
                + status + ", fingerprint=" + fingerprint + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("-")
                + ", version=" + version + "]";
    }

    /**
     * Usage is telemetry written only by usage recording, so a store keeps the stored usage when it
     * writes an update.
     *
     * @param stored the stored snapshot
     * @return this snapshot with the stored one's last use and use count
     */
    public Credential withUsageOf(Credential stored) {
        return new Credential(id, identity, type, name, status, fingerprint, verifier, secretRef, publicKey, algorithm,
                issuedBy, issuedAt, expiresAt, predecessor, overlapEndsAt, stored.lastUsedAt, stored.useCount,
                statusReason, updatedAt, version);
    }
}
