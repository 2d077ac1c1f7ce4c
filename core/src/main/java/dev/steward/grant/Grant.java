package dev.steward.grant;

import dev.steward.CheckReturnValue;
import dev.steward.identity.Approval;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Permission of one identity to perform actions on the resources a pattern covers, under
 * conditions, with a justification. An immutable snapshot; every change produces a new snapshot
 * with a higher {@code version}. Immutable and thread-safe.
 *
 * <p>A <em>delegated</em> grant ({@code delegatedBy} present) is usable only when its grantee acts
 * on behalf of the delegator, and only while the delegator holds the same permission (attenuation:
 * the effective permission is the intersection along the chain).
 *
 * <p>Stores and tests build one with {@link #builder()}, or change one through {@link #toBuilder()};
 * a field added later gets a default in the builder, so existing construction does not change.
 */
public final class Grant {
    private final GrantId id;
    private final IdentityId grantee;
    private final Set<String> actions;
    private final ResourcePattern resource;
    private final Instant validFrom;
    private final Optional<Instant> validUntil;
    private final Optional<String> environment;
    private final OptionalLong maxUses;
    private final long uses;
    private final Optional<IdentityId> delegatedBy;
    private final String justification;
    private final IdentityId requestedBy;
    private final Instant requestedAt;
    private final Optional<Approval> approval;
    private final GrantStatus status;
    private final String statusReason;
    private final Instant updatedAt;
    private final long version;
    private final Optional<Instant> lastUsedAt;
    private final long useCount;

    private Grant(Builder b) {
        this.id = Checks.required("grant.id", b.id);
        this.grantee = Checks.required("grant.grantee", b.grantee);
        this.actions = Set.copyOf(new TreeSet<>(b.actions));
        this.resource = Checks.required("grant.resource", b.resource);
        this.validFrom = Checks.required("grant.validFrom", b.validFrom);
        this.validUntil = b.validUntil;
        this.environment = b.environment;
        this.maxUses = b.maxUses;
        this.uses = b.uses;
        this.delegatedBy = b.delegatedBy;
        this.justification = Checks.required("grant.justification", b.justification);
        this.requestedBy = Checks.required("grant.requestedBy", b.requestedBy);
        this.requestedAt = Checks.required("grant.requestedAt", b.requestedAt);
        this.approval = b.approval;
        this.status = Checks.required("grant.status", b.status);
        this.statusReason = Checks.required("grant.statusReason", b.statusReason);
        this.updatedAt = Checks.required("grant.updatedAt", b.updatedAt);
        this.version = b.version;
        this.lastUsedAt = b.lastUsedAt;
        this.useCount = b.useCount;
    }

    /** {@return a builder with nothing set; see {@link Builder#build()} for what is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding every field of this snapshot, to change some and build a copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the grant's id} */
    public GrantId id() {
        return id;
    }

    /** {@return who may act} */
    public IdentityId grantee() {
        return grantee;
    }

    /** {@return the actions allowed, e.g. {@code repo:read}} */
    public Set<String> actions() {
        return actions;
    }

    /** {@return the resources covered} */
    public ResourcePattern resource() {
        return resource;
    }

    /** {@return the start of the validity window (inclusive)} */
    public Instant validFrom() {
        return validFrom;
    }

    /** {@return the end of the validity window (exclusive); always present for agents} */
    public Optional<Instant> validUntil() {
        return validUntil;
    }

    /** {@return the only environment it is valid in, if restricted} */
    public Optional<String> environment() {
        return environment;
    }

    /** {@return the number of allowed decisions, if limited} */
    public OptionalLong maxUses() {
        return maxUses;
    }

    /** {@return the number of decisions that used it so far (counted only for use-limited grants)} */
    public long uses() {
        return uses;
    }

    /** {@return the identity on whose behalf the grantee acts with it, if delegated} */
    public Optional<IdentityId> delegatedBy() {
        return delegatedBy;
    }

    /** {@return why it is needed} */
    public String justification() {
        return justification;
    }

    /** {@return who asked for it} */
    public IdentityId requestedBy() {
        return requestedBy;
    }

    /** {@return when it was asked for} */
    public Instant requestedAt() {
        return requestedAt;
    }

    /** {@return who approved it, if approved} */
    public Optional<Approval> approval() {
        return approval;
    }

    /** {@return where it is in its lifecycle} */
    public GrantStatus status() {
        return status;
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
     * {@return when a decision last allowed something by it, as last recorded (usage
     *     telemetry, recorded in batches like a credential's; see
     *     {@link dev.steward.spi.EntityTable#recordUsage})}
     */
    public Optional<Instant> lastUsedAt() {
        return lastUsedAt;
    }

    /**
     * {@return how many allowing decisions were recorded; unlike {@code uses}, counted for every
     *     grant and written as telemetry, never as a versioned change}
     */
    public long useCount() {
        return useCount;
    }

    /**
     * @param now the instant to evaluate at
     * @return whether {@code now} lies inside the validity window
     */
    public boolean isWithinWindow(Instant now) {
        return !now.isBefore(validFrom) && validUntil.map(now::isBefore).orElse(true);
    }

    /** @return whether every allowed use has been consumed */
    public boolean isExhausted() {
        return maxUses.isPresent() && uses >= maxUses.getAsLong();
    }

    /**
     * @param newStatus the new status
     * @param reason why
     * @param at when
     * @return a copy in the new status with the version advanced
     */
    @CheckReturnValue
    public Grant withStatus(GrantStatus newStatus, String reason, Instant at) {
        return next(reason, at).status(newStatus).build();
    }

    /**
     * @param by the approval
     * @return an active copy approved by {@code by}, with the version advanced
     */
    @CheckReturnValue
    public Grant withApproval(Approval by) {
        return next(by.reference(), by.at()).approval(by).status(GrantStatus.ACTIVE).build();
    }

    /**
     * @param at when the use happened
     * @return a copy with one more use counted, {@code EXPIRED} if that was the last allowed use,
     *     with the version advanced
     */
    @CheckReturnValue
    public Grant withUse(Instant at) {
        boolean last = maxUses.isPresent() && uses + 1 >= maxUses.getAsLong();
        return next(last ? "use limit reached" : statusReason, at).uses(uses + 1)
                .status(last ? GrantStatus.EXPIRED : status).build();
    }

    /** The next version's builder: a lifecycle change with its reason and time. */
    private Builder next(String reason, Instant at) {
        return toBuilder().statusReason(reason).updatedAt(at).version(version + 1);
    }

    /** {@return whether {@code o} is a Grant with equal fields} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Grant other && id.equals(other.id) && grantee.equals(other.grantee)
                && actions.equals(other.actions) && resource.equals(other.resource)
                && validFrom.equals(other.validFrom) && validUntil.equals(other.validUntil)
                && environment.equals(other.environment) && maxUses.equals(other.maxUses) && uses == other.uses
                && delegatedBy.equals(other.delegatedBy) && justification.equals(other.justification)
                && requestedBy.equals(other.requestedBy) && requestedAt.equals(other.requestedAt)
                && approval.equals(other.approval) && status.equals(other.status)
                && statusReason.equals(other.statusReason) && updatedAt.equals(other.updatedAt)
                && version == other.version && lastUsedAt.equals(other.lastUsedAt) && useCount == other.useCount;
    }

    /** {@return a hash of all fields} */
    @Override
    public int hashCode() {
        return Objects.hash(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, uses,
                delegatedBy, justification, requestedBy, requestedAt, approval, status, statusReason, updatedAt,
                version, lastUsedAt, useCount);
    }

    /** {@return every field, named, in the form a record would print} */
    @Override
    public String toString() {
        return "Grant[id=" + id + ", grantee=" + grantee + ", actions=" + actions + ", resource=" + resource
                + ", validFrom=" + validFrom + ", validUntil=" + validUntil + ", environment=" + environment
                + ", maxUses=" + maxUses + ", uses=" + uses + ", delegatedBy=" + delegatedBy
                + ", justification=" + justification + ", requestedBy=" + requestedBy
                + ", requestedAt=" + requestedAt + ", approval=" + approval + ", status=" + status
                + ", statusReason=" + statusReason + ", updatedAt=" + updatedAt + ", version=" + version
                + ", lastUsedAt=" + lastUsedAt + ", useCount=" + useCount + "]";
    }

    /**
     * Builds a {@link Grant}. Optional fields start empty, {@code actions} empty, {@code uses} and
     * {@code useCount} at 0 and {@code version} at 1; every other field is required. Not thread-safe.
     */
    public static final class Builder {
        private GrantId id;
        private IdentityId grantee;
        private Set<String> actions = Set.of();
        private ResourcePattern resource;
        private Instant validFrom;
        private Optional<Instant> validUntil = Optional.empty();
        private Optional<String> environment = Optional.empty();
        private OptionalLong maxUses = OptionalLong.empty();
        private long uses = 0;
        private Optional<IdentityId> delegatedBy = Optional.empty();
        private String justification;
        private IdentityId requestedBy;
        private Instant requestedAt;
        private Optional<Approval> approval = Optional.empty();
        private GrantStatus status;
        private String statusReason;
        private Instant updatedAt;
        private long version = 1;
        private Optional<Instant> lastUsedAt = Optional.empty();
        private long useCount = 0;

        private Builder() {
        }

        private Builder(Grant from) {
            id = from.id;
            grantee = from.grantee;
            actions = from.actions;
            resource = from.resource;
            validFrom = from.validFrom;
            validUntil = from.validUntil;
            environment = from.environment;
            maxUses = from.maxUses;
            uses = from.uses;
            delegatedBy = from.delegatedBy;
            justification = from.justification;
            requestedBy = from.requestedBy;
            requestedAt = from.requestedAt;
            approval = from.approval;
            status = from.status;
            statusReason = from.statusReason;
            updatedAt = from.updatedAt;
            version = from.version;
            lastUsedAt = from.lastUsedAt;
            useCount = from.useCount;
        }

        /**
         * Sets {@link Grant#id()}.
         *
         * @param id the grant's id
         * @return this builder
         */
        public Builder id(GrantId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@link Grant#grantee()}.
         *
         * @param grantee who may act
         * @return this builder
         */
        public Builder grantee(IdentityId grantee) {
            this.grantee = Objects.requireNonNull(grantee, "grantee");
            return this;
        }

        /**
         * Sets {@link Grant#actions()}.
         *
         * @param actions the actions allowed, e.g. {@code repo:read}
         * @return this builder
         */
        public Builder actions(Set<String> actions) {
            this.actions = Objects.requireNonNull(actions, "actions");
            return this;
        }

        /**
         * Sets {@link Grant#resource()}.
         *
         * @param resource the resources covered
         * @return this builder
         */
        public Builder resource(ResourcePattern resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /**
         * Sets {@link Grant#validFrom()}.
         *
         * @param validFrom the start of the validity window (inclusive)
         * @return this builder
         */
        public Builder validFrom(Instant validFrom) {
            this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
            return this;
        }

        /**
         * Sets {@link Grant#validUntil()}.
         *
         * @param validUntil the end of the validity window (exclusive); always present for agents
         * @return this builder
         */
        public Builder validUntil(Instant validUntil) {
            this.validUntil = Optional.of(Objects.requireNonNull(validUntil, "validUntil"));
            return this;
        }

        /**
         * Sets or clears {@link Grant#validUntil()}.
         *
         * @param validUntil the end of the validity window (exclusive); always present for agents, or empty for
         *     none
         * @return this builder
         */
        public Builder validUntil(Optional<Instant> validUntil) {
            this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
            return this;
        }

        /**
         * Sets {@link Grant#environment()}.
         *
         * @param environment the only environment it is valid in, if restricted
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = Optional.of(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Sets or clears {@link Grant#environment()}.
         *
         * @param environment the only environment it is valid in, if restricted, or empty for none
         * @return this builder
         */
        public Builder environment(Optional<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Sets {@link Grant#maxUses()}.
         *
         * @param maxUses the number of allowed decisions, if limited
         * @return this builder
         */
        public Builder maxUses(long maxUses) {
            this.maxUses = OptionalLong.of(maxUses);
            return this;
        }

        /**
         * Sets or clears {@link Grant#maxUses()}.
         *
         * @param maxUses the number of allowed decisions, if limited, or empty for none
         * @return this builder
         */
        public Builder maxUses(OptionalLong maxUses) {
            this.maxUses = Objects.requireNonNull(maxUses, "maxUses");
            return this;
        }

        /**
         * Sets {@link Grant#uses()}; 0 unless set.
         *
         * @param uses the number of decisions that used it so far (counted only for use-limited grants)
         * @return this builder
         */
        public Builder uses(long uses) {
            this.uses = uses;
            return this;
        }

        /**
         * Sets {@link Grant#delegatedBy()}.
         *
         * @param delegatedBy the identity on whose behalf the grantee acts with it, if delegated
         * @return this builder
         */
        public Builder delegatedBy(IdentityId delegatedBy) {
            this.delegatedBy = Optional.of(Objects.requireNonNull(delegatedBy, "delegatedBy"));
            return this;
        }

        /**
         * Sets or clears {@link Grant#delegatedBy()}.
         *
         * @param delegatedBy the identity on whose behalf the grantee acts with it, if delegated, or empty for
         *     none
         * @return this builder
         */
        public Builder delegatedBy(Optional<IdentityId> delegatedBy) {
            this.delegatedBy = Objects.requireNonNull(delegatedBy, "delegatedBy");
            return this;
        }

        /**
         * Sets {@link Grant#justification()}.
         *
         * @param justification why it is needed
         * @return this builder
         */
        public Builder justification(String justification) {
            this.justification = Objects.requireNonNull(justification, "justification");
            return this;
        }

        /**
         * Sets {@link Grant#requestedBy()}.
         *
         * @param requestedBy who asked for it
         * @return this builder
         */
        public Builder requestedBy(IdentityId requestedBy) {
            this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
            return this;
        }

        /**
         * Sets {@link Grant#requestedAt()}.
         *
         * @param requestedAt when it was asked for
         * @return this builder
         */
        public Builder requestedAt(Instant requestedAt) {
            this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
            return this;
        }

        /**
         * Sets {@link Grant#approval()}.
         *
         * @param approval who approved it, if approved
         * @return this builder
         */
        public Builder approval(Approval approval) {
            this.approval = Optional.of(Objects.requireNonNull(approval, "approval"));
            return this;
        }

        /**
         * Sets or clears {@link Grant#approval()}.
         *
         * @param approval who approved it, if approved, or empty for none
         * @return this builder
         */
        public Builder approval(Optional<Approval> approval) {
            this.approval = Objects.requireNonNull(approval, "approval");
            return this;
        }

        /**
         * Sets {@link Grant#status()}.
         *
         * @param status where it is in its lifecycle
         * @return this builder
         */
        public Builder status(GrantStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link Grant#statusReason()}.
         *
         * @param statusReason the reason given for the last lifecycle change
         * @return this builder
         */
        public Builder statusReason(String statusReason) {
            this.statusReason = Objects.requireNonNull(statusReason, "statusReason");
            return this;
        }

        /**
         * Sets {@link Grant#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * Sets {@link Grant#version()}; 1 unless set.
         *
         * @param version the optimistic-concurrency version, starting at 1
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets {@link Grant#lastUsedAt()}.
         *
         * @param lastUsedAt when a decision last allowed something by it, as last recorded (usage telemetry,
         *     recorded in batches like a credential's; see {@link
         *     dev.steward.spi.EntityTable#recordUsage})
         * @return this builder
         */
        public Builder lastUsedAt(Instant lastUsedAt) {
            this.lastUsedAt = Optional.of(Objects.requireNonNull(lastUsedAt, "lastUsedAt"));
            return this;
        }

        /**
         * Sets or clears {@link Grant#lastUsedAt()}.
         *
         * @param lastUsedAt when a decision last allowed something by it, as last recorded (usage telemetry,
         *     recorded in batches like a credential's; see {@link
         *     dev.steward.spi.EntityTable#recordUsage}), or empty for none
         * @return this builder
         */
        public Builder lastUsedAt(Optional<Instant> lastUsedAt) {
            this.lastUsedAt = Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            return this;
        }

        /**
         * Sets {@link Grant#useCount()}; 0 unless set.
         *
         * @param useCount how many allowing decisions were recorded; unlike {@code uses}, counted for every
         *     grant and written as telemetry, never as a versioned change
         * @return this builder
         */
        public Builder useCount(long useCount) {
            this.useCount = useCount;
            return this;
        }

        /**
         * {@return the grant, with the actions copied}
         *
         * @throws dev.steward.ValidationException naming the first required field that was not set,
         *     e.g. {@code grant.resource: is required}
         */
        public Grant build() {
            return new Grant(this);
        }
    }
}
