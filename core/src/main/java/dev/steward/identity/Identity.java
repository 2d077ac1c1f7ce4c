package dev.steward.identity;

import dev.steward.CheckReturnValue;
import dev.steward.authz.EnforcementMode;
import dev.steward.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One actor governed by Steward: a person, a service account, a workload or an AI agent. An
 * immutable snapshot; every change produces a new snapshot with a higher {@code version}.
 * Immutable and thread-safe.
 *
 * <p>Stores and tests build one with {@link #builder()}, or change one through {@link #toBuilder()};
 * a field added later gets a default in the builder, so existing construction does not change.
 */
public final class Identity {
    private final IdentityId id;
    private final IdentityKind kind;
    private final String name;
    private final IdentityStatus status;
    private final Optional<IdentityId> owner;
    private final String environment;
    private final Map<String, String> attributes;
    private final Optional<IdentityId> parent;
    private final String purpose;
    private final IdentityId createdBy;
    private final Instant createdAt;
    private final Optional<Instant> expiresAt;
    private final Optional<Approval> approval;
    private final Optional<Instant> orphanedAt;
    private final EnforcementMode enforcementMode;
    private final String statusReason;
    private final Instant updatedAt;
    private final long version;
    private final Optional<Instant> reconfirmedAt;

    private Identity(Builder b) {
        this.id = Checks.required("identity.id", b.id);
        this.kind = Checks.required("identity.kind", b.kind);
        this.name = Checks.required("identity.name", b.name);
        this.status = Checks.required("identity.status", b.status);
        this.owner = b.owner;
        this.environment = Checks.required("identity.environment", b.environment);
        this.attributes = Map.copyOf(b.attributes);
        this.parent = b.parent;
        this.purpose = Checks.required("identity.purpose", b.purpose);
        this.createdBy = Checks.required("identity.createdBy", b.createdBy);
        this.createdAt = Checks.required("identity.createdAt", b.createdAt);
        this.expiresAt = b.expiresAt;
        this.approval = b.approval;
        this.orphanedAt = b.orphanedAt;
        this.enforcementMode = Checks.required("identity.enforcementMode", b.enforcementMode);
        this.statusReason = Checks.required("identity.statusReason", b.statusReason);
        this.updatedAt = Checks.required("identity.updatedAt", b.updatedAt);
        this.version = b.version;
        this.reconfirmedAt = b.reconfirmedAt;
    }

    /** {@return a builder with nothing set; see {@link Builder#build()} for what is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding every field of this snapshot, to change some and build a copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the identity's id} */
    public IdentityId id() {
        return id;
    }

    /** {@return what kind of actor it is} */
    public IdentityKind kind() {
        return kind;
    }

    /** {@return a human-readable name, e.g. an email address or an agent's name} */
    public String name() {
        return name;
    }

    /** {@return where it is in its lifecycle} */
    public IdentityStatus status() {
        return status;
    }

    /** {@return the accountable human; present for every non-human identity} */
    public Optional<IdentityId> owner() {
        return owner;
    }

    /** {@return where it acts, e.g. {@code prod}} */
    public String environment() {
        return environment;
    }

    /** {@return free-form attributes supplied by the host} */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** {@return the identity that started this one (an agent started by another agent)} */
    public Optional<IdentityId> parent() {
        return parent;
    }

    /** {@return why it exists} */
    public String purpose() {
        return purpose;
    }

    /** {@return who registered it} */
    public IdentityId createdBy() {
        return createdBy;
    }

    /** {@return when it was registered} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it ends; always present for agents} */
    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    /** {@return who approved it, if it has been approved} */
    public Optional<Approval> approval() {
        return approval;
    }

    /** {@return when its owner left without a successor; empty while it has a valid owner} */
    public Optional<Instant> orphanedAt() {
        return orphanedAt;
    }

    /** {@return how the tool-call guard treats its denied calls} */
    public EnforcementMode enforcementMode() {
        return enforcementMode;
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
     * {@return when its owner last reconfirmed that it is still needed (agents, see
     *     {@code dev.steward.review.ReviewPolicy#reconfirmAgentsEvery}); empty if never}
     */
    public Optional<Instant> reconfirmedAt() {
        return reconfirmedAt;
    }

    /** @return this identity as the actor of a change */
    public Actor asActor() {
        return new Actor(id);
    }

    /**
     * @param actor an actor
     * @return whether the actor is this identity
     */
    public boolean actorIs(Actor actor) {
        return actor.id().equals(id);
    }

    /**
     * @param now the instant to evaluate at
     * @return whether the identity's expiry has passed at {@code now}
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** @return whether the identity's owner left without a successor */
    public boolean isOrphaned() {
        return orphanedAt.isPresent();
    }

    /**
     * @return a copy with the given status and reason, and the version advanced
     * @param newStatus the new status
     * @param reason why
     * @param at when
     */
    @CheckReturnValue
    public Identity withStatus(IdentityStatus newStatus, String reason, Instant at) {
        return next(reason, at).status(newStatus).build();
    }

    /**
     * @return a copy approved by {@code by}, active, with the version advanced
     * @param by the approval
     */
    @CheckReturnValue
    public Identity withApproval(Approval by) {
        return next(by.reference(), by.at()).status(IdentityStatus.ACTIVE).approval(by).build();
    }

    /**
     * @return a copy owned by {@code newOwner}, no longer orphaned, with the version advanced
     * @param newOwner the new accountable human
     * @param reason why ownership moved
     * @param at when
     */
    @CheckReturnValue
    public Identity withOwner(IdentityId newOwner, String reason, Instant at) {
        return next(reason, at).owner(newOwner).orphanedAt(Optional.empty()).build();
    }

    /**
     * @return a copy flagged orphaned at {@code at}, with the version advanced
     * @param reason why
     * @param at when the owner left
     */
    @CheckReturnValue
    public Identity withOrphanedAt(String reason, Instant at) {
        return next(reason, at).orphanedAt(at).build();
    }

    /**
     * @return a copy with another enforcement mode, with the version advanced
     * @param mode the new mode
     * @param reason why
     * @param at when
     */
    @CheckReturnValue
    public Identity withEnforcementMode(EnforcementMode mode, String reason, Instant at) {
        return next(reason, at).enforcementMode(mode).build();
    }

    /**
     * The instant an agent's reconfirmation period counts from: its last reconfirmation, else its
     * approval, else its registration.
     *
     * @return the start of the current reconfirmation period
     */
    public Instant reconfirmationBase() {
        if (reconfirmedAt.isPresent()) {
            return reconfirmedAt.get();
        }
        return approval.isPresent() ? approval.get().at() : createdAt;
    }

    /**
     * @return a copy reconfirmed at {@code at}, with the version advanced
     * @param reason why (the owner's comment)
     * @param at when
     */
    @CheckReturnValue
    public Identity withReconfirmation(String reason, Instant at) {
        return next(reason, at).reconfirmedAt(at).build();
    }

    /** The next version's builder: a lifecycle change with its reason and time. */
    private Builder next(String reason, Instant at) {
        return toBuilder().statusReason(reason).updatedAt(at).version(version + 1);
    }

    /** {@return whether {@code o} is a Identity with equal fields} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && id.equals(other.id) && kind.equals(other.kind)
                && name.equals(other.name) && status.equals(other.status) && owner.equals(other.owner)
                && environment.equals(other.environment) && attributes.equals(other.attributes)
                && parent.equals(other.parent) && purpose.equals(other.purpose) && createdBy.equals(other.createdBy)
                && createdAt.equals(other.createdAt) && expiresAt.equals(other.expiresAt)
                && approval.equals(other.approval) && orphanedAt.equals(other.orphanedAt)
                && enforcementMode.equals(other.enforcementMode) && statusReason.equals(other.statusReason)
                && updatedAt.equals(other.updatedAt) && version == other.version
                && reconfirmedAt.equals(other.reconfirmedAt);
    }

    /** {@return a hash of all fields} */
    @Override
    public int hashCode() {
        return Objects.hash(id, kind, name, status, owner, environment, attributes, parent, purpose, createdBy,
                createdAt, expiresAt, approval, orphanedAt, enforcementMode, statusReason, updatedAt, version,
                reconfirmedAt);
    }

    /** {@return every field, named, in the form a record would print} */
    @Override
    public String toString() {
        return "Identity[id=" + id + ", kind=" + kind + ", name=" + name + ", status=" + status + ", owner=" + owner
                + ", environment=" + environment + ", attributes=" + attributes + ", parent=" + parent
                + ", purpose=" + purpose + ", createdBy=" + createdBy + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", approval=" + approval + ", orphanedAt=" + orphanedAt
                + ", enforcementMode=" + enforcementMode + ", statusReason=" + statusReason
                + ", updatedAt=" + updatedAt + ", version=" + version + ", reconfirmedAt=" + reconfirmedAt + "]";
    }

    /**
     * Builds an {@link Identity}. Optional fields start empty, {@code attributes} empty and
     * {@code version} at 1; every other field is required. Not thread-safe.
     */
    public static final class Builder {
        private IdentityId id;
        private IdentityKind kind;
        private String name;
        private IdentityStatus status;
        private Optional<IdentityId> owner = Optional.empty();
        private String environment;
        private Map<String, String> attributes = Map.of();
        private Optional<IdentityId> parent = Optional.empty();
        private String purpose;
        private IdentityId createdBy;
        private Instant createdAt;
        private Optional<Instant> expiresAt = Optional.empty();
        private Optional<Approval> approval = Optional.empty();
        private Optional<Instant> orphanedAt = Optional.empty();
        private EnforcementMode enforcementMode;
        private String statusReason;
        private Instant updatedAt;
        private long version = 1;
        private Optional<Instant> reconfirmedAt = Optional.empty();

        private Builder() {
        }

        private Builder(Identity from) {
            id = from.id;
            kind = from.kind;
            name = from.name;
            status = from.status;
            owner = from.owner;
            environment = from.environment;
            attributes = from.attributes;
            parent = from.parent;
            purpose = from.purpose;
            createdBy = from.createdBy;
            createdAt = from.createdAt;
            expiresAt = from.expiresAt;
            approval = from.approval;
            orphanedAt = from.orphanedAt;
            enforcementMode = from.enforcementMode;
            statusReason = from.statusReason;
            updatedAt = from.updatedAt;
            version = from.version;
            reconfirmedAt = from.reconfirmedAt;
        }

        /**
         * Sets {@link Identity#id()}.
         *
         * @param id the identity's id
         * @return this builder
         */
        public Builder id(IdentityId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@link Identity#kind()}.
         *
         * @param kind what kind of actor it is
         * @return this builder
         */
        public Builder kind(IdentityKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Sets {@link Identity#name()}.
         *
         * @param name a human-readable name, e.g. an email address or an agent's name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets {@link Identity#status()}.
         *
         * @param status where it is in its lifecycle
         * @return this builder
         */
        public Builder status(IdentityStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link Identity#owner()}.
         *
         * @param owner the accountable human; present for every non-human identity
         * @return this builder
         */
        public Builder owner(IdentityId owner) {
            this.owner = Optional.of(Objects.requireNonNull(owner, "owner"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#owner()}.
         *
         * @param owner the accountable human; present for every non-human identity, or empty for none
         * @return this builder
         */
        public Builder owner(Optional<IdentityId> owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * Sets {@link Identity#environment()}.
         *
         * @param environment where it acts, e.g. {@code prod}
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Sets {@link Identity#attributes()}.
         *
         * @param attributes free-form attributes supplied by the host
         * @return this builder
         */
        public Builder attributes(Map<String, String> attributes) {
            this.attributes = Objects.requireNonNull(attributes, "attributes");
            return this;
        }

        /**
         * Sets {@link Identity#parent()}.
         *
         * @param parent the identity that started this one (an agent started by another agent)
         * @return this builder
         */
        public Builder parent(IdentityId parent) {
            this.parent = Optional.of(Objects.requireNonNull(parent, "parent"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#parent()}.
         *
         * @param parent the identity that started this one (an agent started by another agent), or empty for
         *     none
         * @return this builder
         */
        public Builder parent(Optional<IdentityId> parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /**
         * Sets {@link Identity#purpose()}.
         *
         * @param purpose why it exists
         * @return this builder
         */
        public Builder purpose(String purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        /**
         * Sets {@link Identity#createdBy()}.
         *
         * @param createdBy who registered it
         * @return this builder
         */
        public Builder createdBy(IdentityId createdBy) {
            this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
            return this;
        }

        /**
         * Sets {@link Identity#createdAt()}.
         *
         * @param createdAt when it was registered
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /**
         * Sets {@link Identity#expiresAt()}.
         *
         * @param expiresAt when it ends; always present for agents
         * @return this builder
         */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Optional.of(Objects.requireNonNull(expiresAt, "expiresAt"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#expiresAt()}.
         *
         * @param expiresAt when it ends; always present for agents, or empty for none
         * @return this builder
         */
        public Builder expiresAt(Optional<Instant> expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /**
         * Sets {@link Identity#approval()}.
         *
         * @param approval who approved it, if it has been approved
         * @return this builder
         */
        public Builder approval(Approval approval) {
            this.approval = Optional.of(Objects.requireNonNull(approval, "approval"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#approval()}.
         *
         * @param approval who approved it, if it has been approved, or empty for none
         * @return this builder
         */
        public Builder approval(Optional<Approval> approval) {
            this.approval = Objects.requireNonNull(approval, "approval");
            return this;
        }

        /**
         * Sets {@link Identity#orphanedAt()}.
         *
         * @param orphanedAt when its owner left without a successor; empty while it has a valid owner
         * @return this builder
         */
        public Builder orphanedAt(Instant orphanedAt) {
            this.orphanedAt = Optional.of(Objects.requireNonNull(orphanedAt, "orphanedAt"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#orphanedAt()}.
         *
         * @param orphanedAt when its owner left without a successor; empty while it has a valid owner, or empty
         *     for none
         * @return this builder
         */
        public Builder orphanedAt(Optional<Instant> orphanedAt) {
            this.orphanedAt = Objects.requireNonNull(orphanedAt, "orphanedAt");
            return this;
        }

        /**
         * Sets {@link Identity#enforcementMode()}.
         *
         * @param enforcementMode how the tool-call guard treats its denied calls
         * @return this builder
         */
        public Builder enforcementMode(EnforcementMode enforcementMode) {
            this.enforcementMode = Objects.requireNonNull(enforcementMode, "enforcementMode");
            return this;
        }

        /**
         * Sets {@link Identity#statusReason()}.
         *
         * @param statusReason the reason given for the last lifecycle change
         * @return this builder
         */
        public Builder statusReason(String statusReason) {
            this.statusReason = Objects.requireNonNull(statusReason, "statusReason");
            return this;
        }

        /**
         * Sets {@link Identity#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * Sets {@link Identity#version()}; 1 unless set.
         *
         * @param version the optimistic-concurrency version, starting at 1
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets {@link Identity#reconfirmedAt()}.
         *
         * @param reconfirmedAt when its owner last reconfirmed that it is still needed (agents, see {@code
         *     dev.steward.review.ReviewPolicy#reconfirmAgentsEvery}); empty if never
         * @return this builder
         */
        public Builder reconfirmedAt(Instant reconfirmedAt) {
            this.reconfirmedAt = Optional.of(Objects.requireNonNull(reconfirmedAt, "reconfirmedAt"));
            return this;
        }

        /**
         * Sets or clears {@link Identity#reconfirmedAt()}.
         *
         * @param reconfirmedAt when its owner last reconfirmed that it is still needed (agents, see {@code
         *     dev.steward.review.ReviewPolicy#reconfirmAgentsEvery}); empty if never, or empty for none
         * @return this builder
         */
        public Builder reconfirmedAt(Optional<Instant> reconfirmedAt) {
            this.reconfirmedAt = Objects.requireNonNull(reconfirmedAt, "reconfirmedAt");
            return this;
        }

        /**
         * {@return the identity, with the attributes copied}
         *
         * @throws dev.steward.ValidationException naming the first required field that was not set,
         *     e.g. {@code identity.name: is required}
         */
        public Identity build() {
            return new Identity(this);
        }
    }
}
