package dev.steward.credential;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of something an identity proves itself with, or a secret it may use. Never holds
 * secret material: for issued keys only a verifier (a keyed hash) is kept, stored secrets live in
 * the secret backend under {@code secretRef}, and public keys are not secret. {@code toString}
 * leaves the verifier out. An immutable snapshot; every change produces a new snapshot with a
 * higher {@code version}. Immutable and thread-safe.
 *
 * <p>Stores and tests build one with {@link #builder()}, or change one through {@link #toBuilder()};
 * a field added later gets a default in the builder, so existing construction does not change.
 */
public final class Credential {
    private final CredentialId id;
    private final IdentityId identity;
    private final CredentialType type;
    private final String name;
    private final CredentialStatus status;
    private final String fingerprint;
    private final String verifier;
    private final Optional<String> secretRef;
    private final Optional<String> publicKey;
    private final Optional<String> algorithm;
    private final IdentityId issuedBy;
    private final Instant issuedAt;
    private final Optional<Instant> expiresAt;
    private final Optional<CredentialId> predecessor;
    private final Optional<Instant> overlapEndsAt;
    private final Optional<Instant> lastUsedAt;
    private final long useCount;
    private final String statusReason;
    private final Instant updatedAt;
    private final long version;

    private Credential(Builder b) {
        this.id = Checks.required("credential.id", b.id);
        this.identity = Checks.required("credential.identity", b.identity);
        this.type = Checks.required("credential.type", b.type);
        this.name = Checks.required("credential.name", b.name);
        this.status = Checks.required("credential.status", b.status);
        this.fingerprint = Checks.required("credential.fingerprint", b.fingerprint);
        this.verifier = Checks.required("credential.verifier", b.verifier);
        this.secretRef = b.secretRef;
        this.publicKey = b.publicKey;
        this.algorithm = b.algorithm;
        this.issuedBy = Checks.required("credential.issuedBy", b.issuedBy);
        this.issuedAt = Checks.required("credential.issuedAt", b.issuedAt);
        this.expiresAt = b.expiresAt;
        this.predecessor = b.predecessor;
        this.overlapEndsAt = b.overlapEndsAt;
        this.lastUsedAt = b.lastUsedAt;
        this.useCount = b.useCount;
        this.statusReason = Checks.required("credential.statusReason", b.statusReason);
        this.updatedAt = Checks.required("credential.updatedAt", b.updatedAt);
        this.version = b.version;
    }

    /** {@return a builder with nothing set; see {@link Builder#build()} for what is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding every field of this snapshot, to change some and build a copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the credential's id} */
    public CredentialId id() {
        return id;
    }

    /** {@return the identity it belongs to} */
    public IdentityId identity() {
        return identity;
    }

    /** {@return what kind it is} */
    public CredentialType type() {
        return type;
    }

    /** {@return a label, e.g. {@code ci-deploy-key}} */
    public String name() {
        return name;
    }

    /** {@return where it is in its lifecycle} */
    public CredentialStatus status() {
        return status;
    }

    /**
     * {@return safe to log: for issued keys and public keys a short SHA-256 fingerprint
     *     ({@code sha256:} and 12 hex digits); for stored secrets the backend version it names
     *     ({@code secret-v<n>}), since a hash of a low-entropy password could be guessed}
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@return for issued keys, the keyed hash that verification compares against; empty otherwise} */
    public String verifier() {
        return verifier;
    }

    /** {@return for stored secrets, the reference in the secret backend} */
    public Optional<String> secretRef() {
        return secretRef;
    }

    /** {@return for public keys, the X.509 SubjectPublicKeyInfo in base64} */
    public Optional<String> publicKey() {
        return publicKey;
    }

    /** {@return for public keys, {@code Ed25519} or {@code EC_P256}} */
    public Optional<String> algorithm() {
        return algorithm;
    }

    /** {@return who issued or registered it} */
    public IdentityId issuedBy() {
        return issuedBy;
    }

    /** {@return when it was issued or registered} */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@return when it ends; always present for agents' credentials} */
    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    /** {@return the credential this one replaced by rotation} */
    public Optional<CredentialId> predecessor() {
        return predecessor;
    }

    /** {@return when a rotated credential stops being accepted} */
    public Optional<Instant> overlapEndsAt() {
        return overlapEndsAt;
    }

    /** {@return when it was last used successfully, as last recorded} */
    public Optional<Instant> lastUsedAt() {
        return lastUsedAt;
    }

    /** {@return how many successful uses were recorded} */
    public long useCount() {
        return useCount;
    }

    /** {@return the reason given for the last lifecycle change} */
    public String statusReason() {
        return statusReason;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return the optimistic-concurrency version, starting at 1} */
    public long version() {
        return version;
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
    @CheckReturnValue
    public Credential withStatus(CredentialStatus newStatus, String reason, Instant at) {
        return next(reason, at).status(newStatus).build();
    }

    /**
     * @param overlapEnd when the rotated credential stops being accepted
     * @param reason why
     * @param at when
     * @return a rotated copy, with the version advanced
     */
    @CheckReturnValue
    public Credential rotated(Instant overlapEnd, String reason, Instant at) {
        return next(reason, at).status(CredentialStatus.ROTATED).overlapEndsAt(overlapEnd).build();
    }

    /** The next version's builder: a lifecycle change with its reason and time. */
    private Builder next(String reason, Instant at) {
        return toBuilder().statusReason(reason).updatedAt(at).version(version + 1);
    }

    /** {@return whether {@code o} is a Credential with equal fields} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Credential other && id.equals(other.id) && identity.equals(other.identity)
                && type.equals(other.type) && name.equals(other.name) && status.equals(other.status)
                && fingerprint.equals(other.fingerprint) && verifier.equals(other.verifier)
                && secretRef.equals(other.secretRef) && publicKey.equals(other.publicKey)
                && algorithm.equals(other.algorithm) && issuedBy.equals(other.issuedBy)
                && issuedAt.equals(other.issuedAt) && expiresAt.equals(other.expiresAt)
                && predecessor.equals(other.predecessor) && overlapEndsAt.equals(other.overlapEndsAt)
                && lastUsedAt.equals(other.lastUsedAt) && useCount == other.useCount
                && statusReason.equals(other.statusReason) && updatedAt.equals(other.updatedAt)
                && version == other.version;
    }

    /** {@return a hash of all fields} */
    @Override
    public int hashCode() {
        return Objects.hash(id, identity, type, name, status, fingerprint, verifier, secretRef, publicKey, algorithm,
                issuedBy, issuedAt, expiresAt, predecessor, overlapEndsAt, lastUsedAt, useCount, statusReason,
                updatedAt, version);
    }

    /** {@return the id, holder, type, name, status, fingerprint, expiry and version; never the verifier} */
    @Override
    public String toString() {
        return "Credential[id=" + id + ", identity=" + identity + ", type=" + type + ", name=" + name + ", status="
                + status + ", fingerprint=" + fingerprint + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("-")
                + ", version=" + version + "]";
    }

    /**
     * Builds a {@link Credential}. Optional fields start empty, {@code useCount} at 0 and
     * {@code version} at 1; every other field is required (an empty {@code verifier} for anything but
     * an issued key). Not thread-safe.
     */
    public static final class Builder {
        private CredentialId id;
        private IdentityId identity;
        private CredentialType type;
        private String name;
        private CredentialStatus status;
        private String fingerprint;
        private String verifier;
        private Optional<String> secretRef = Optional.empty();
        private Optional<String> publicKey = Optional.empty();
        private Optional<String> algorithm = Optional.empty();
        private IdentityId issuedBy;
        private Instant issuedAt;
        private Optional<Instant> expiresAt = Optional.empty();
        private Optional<CredentialId> predecessor = Optional.empty();
        private Optional<Instant> overlapEndsAt = Optional.empty();
        private Optional<Instant> lastUsedAt = Optional.empty();
        private long useCount = 0;
        private String statusReason;
        private Instant updatedAt;
        private long version = 1;

        private Builder() {
        }

        private Builder(Credential from) {
            id = from.id;
            identity = from.identity;
            type = from.type;
            name = from.name;
            status = from.status;
            fingerprint = from.fingerprint;
            verifier = from.verifier;
            secretRef = from.secretRef;
            publicKey = from.publicKey;
            algorithm = from.algorithm;
            issuedBy = from.issuedBy;
            issuedAt = from.issuedAt;
            expiresAt = from.expiresAt;
            predecessor = from.predecessor;
            overlapEndsAt = from.overlapEndsAt;
            lastUsedAt = from.lastUsedAt;
            useCount = from.useCount;
            statusReason = from.statusReason;
            updatedAt = from.updatedAt;
            version = from.version;
        }

        /**
         * Sets {@link Credential#id()}.
         *
         * @param id the credential's id
         * @return this builder
         */
        public Builder id(CredentialId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@link Credential#identity()}.
         *
         * @param identity the identity it belongs to
         * @return this builder
         */
        public Builder identity(IdentityId identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * Sets {@link Credential#type()}.
         *
         * @param type what kind it is
         * @return this builder
         */
        public Builder type(CredentialType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets {@link Credential#name()}.
         *
         * @param name a label, e.g. {@code ci-deploy-key}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets {@link Credential#status()}.
         *
         * @param status where it is in its lifecycle
         * @return this builder
         */
        public Builder status(CredentialStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link Credential#fingerprint()}.
         *
         * @param fingerprint safe to log: for issued keys and public keys a short SHA-256 fingerprint ({@code
         *     sha256:} and 12 hex digits); for stored secrets the backend version it names ({@code
         *     secret-v<n>}), since a hash of a low-entropy password could be guessed
         * @return this builder
         */
        public Builder fingerprint(String fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * Sets {@link Credential#verifier()}.
         *
         * @param verifier for issued keys, the keyed hash that verification compares against; empty otherwise
         * @return this builder
         */
        public Builder verifier(String verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * Sets {@link Credential#secretRef()}.
         *
         * @param secretRef for stored secrets, the reference in the secret backend
         * @return this builder
         */
        public Builder secretRef(String secretRef) {
            this.secretRef = Optional.of(Objects.requireNonNull(secretRef, "secretRef"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#secretRef()}.
         *
         * @param secretRef for stored secrets, the reference in the secret backend, or empty for none
         * @return this builder
         */
        public Builder secretRef(Optional<String> secretRef) {
            this.secretRef = Objects.requireNonNull(secretRef, "secretRef");
            return this;
        }

        /**
         * Sets {@link Credential#publicKey()}.
         *
         * @param publicKey for public keys, the X.509 SubjectPublicKeyInfo in base64
         * @return this builder
         */
        public Builder publicKey(String publicKey) {
            this.publicKey = Optional.of(Objects.requireNonNull(publicKey, "publicKey"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#publicKey()}.
         *
         * @param publicKey for public keys, the X.509 SubjectPublicKeyInfo in base64, or empty for none
         * @return this builder
         */
        public Builder publicKey(Optional<String> publicKey) {
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            return this;
        }

        /**
         * Sets {@link Credential#algorithm()}.
         *
         * @param algorithm for public keys, {@code Ed25519} or {@code EC_P256}
         * @return this builder
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = Optional.of(Objects.requireNonNull(algorithm, "algorithm"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#algorithm()}.
         *
         * @param algorithm for public keys, {@code Ed25519} or {@code EC_P256}, or empty for none
         * @return this builder
         */
        public Builder algorithm(Optional<String> algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Sets {@link Credential#issuedBy()}.
         *
         * @param issuedBy who issued or registered it
         * @return this builder
         */
        public Builder issuedBy(IdentityId issuedBy) {
            this.issuedBy = Objects.requireNonNull(issuedBy, "issuedBy");
            return this;
        }

        /**
         * Sets {@link Credential#issuedAt()}.
         *
         * @param issuedAt when it was issued or registered
         * @return this builder
         */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
            return this;
        }

        /**
         * Sets {@link Credential#expiresAt()}.
         *
         * @param expiresAt when it ends; always present for agents' credentials
         * @return this builder
         */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Optional.of(Objects.requireNonNull(expiresAt, "expiresAt"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#expiresAt()}.
         *
         * @param expiresAt when it ends; always present for agents' credentials, or empty for none
         * @return this builder
         */
        public Builder expiresAt(Optional<Instant> expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /**
         * Sets {@link Credential#predecessor()}.
         *
         * @param predecessor the credential this one replaced by rotation
         * @return this builder
         */
        public Builder predecessor(CredentialId predecessor) {
            this.predecessor = Optional.of(Objects.requireNonNull(predecessor, "predecessor"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#predecessor()}.
         *
         * @param predecessor the credential this one replaced by rotation, or empty for none
         * @return this builder
         */
        public Builder predecessor(Optional<CredentialId> predecessor) {
            this.predecessor = Objects.requireNonNull(predecessor, "predecessor");
            return this;
        }

        /**
         * Sets {@link Credential#overlapEndsAt()}.
         *
         * @param overlapEndsAt when a rotated credential stops being accepted
         * @return this builder
         */
        public Builder overlapEndsAt(Instant overlapEndsAt) {
            this.overlapEndsAt = Optional.of(Objects.requireNonNull(overlapEndsAt, "overlapEndsAt"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#overlapEndsAt()}.
         *
         * @param overlapEndsAt when a rotated credential stops being accepted, or empty for none
         * @return this builder
         */
        public Builder overlapEndsAt(Optional<Instant> overlapEndsAt) {
            this.overlapEndsAt = Objects.requireNonNull(overlapEndsAt, "overlapEndsAt");
            return this;
        }

        /**
         * Sets {@link Credential#lastUsedAt()}.
         *
         * @param lastUsedAt when it was last used successfully, as last recorded
         * @return this builder
         */
        public Builder lastUsedAt(Instant lastUsedAt) {
            this.lastUsedAt = Optional.of(Objects.requireNonNull(lastUsedAt, "lastUsedAt"));
            return this;
        }

        /**
         * Sets or clears {@link Credential#lastUsedAt()}.
         *
         * @param lastUsedAt when it was last used successfully, as last recorded, or empty for none
         * @return this builder
         */
        public Builder lastUsedAt(Optional<Instant> lastUsedAt) {
            this.lastUsedAt = Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            return this;
        }

        /**
         * Sets {@link Credential#useCount()}; 0 unless set.
         *
         * @param useCount how many successful uses were recorded
         * @return this builder
         */
        public Builder useCount(long useCount) {
            this.useCount = useCount;
            return this;
        }

        /**
         * Sets {@link Credential#statusReason()}.
         *
         * @param statusReason the reason given for the last lifecycle change
         * @return this builder
         */
        public Builder statusReason(String statusReason) {
            this.statusReason = Objects.requireNonNull(statusReason, "statusReason");
            return this;
        }

        /**
         * Sets {@link Credential#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * Sets {@link Credential#version()}; 1 unless set.
         *
         * @param version the optimistic-concurrency version, starting at 1
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * {@return the credential}
         *
         * @throws dev.steward.ValidationException naming the first required field that was not set,
         *     e.g. {@code credential.verifier: is required}
         */
        public Credential build() {
            return new Credential(this);
        }
    }
}
