package dev.steward.grant;

import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What to request: a builder for a new {@link Grant}, passed to
 * {@link GrantService#request(GrantSpec, dev.steward.identity.Actor)}.
 *
 * <pre>{@code
 * GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/api/**")
 *     .validFor(Duration.ofHours(8)).delegatedBy(alice.id()).justification("SEC-42");
 * }</pre>
 *
 * <p>The validity window is fixed when the grant is requested: {@code validFrom} defaults to the
 * request instant, and {@link #validFor(Duration)} counts from {@code validFrom}. Not thread-safe.
 */
public final class GrantSpec {
    private final IdentityId grantee;
    private final Set<String> actions = new LinkedHashSet<>();
    private ResourcePattern resource;
    private Instant validFrom;
    private Instant validUntil;
    private Duration validFor;
    private String environment;
    private Long maxUses;
    private IdentityId delegatedBy;
    private String justification;

    private GrantSpec(IdentityId grantee) {
        this.grantee = Objects.requireNonNull(grantee, "grantee");
    }

    /**
     * @param grantee who will hold the grant
     * @return a spec for a grant to {@code grantee}
     */
    public static GrantSpec to(IdentityId grantee) {
        return new GrantSpec(grantee);
    }

    /**
     * @param actions actions to allow: 1 to 128 letters, digits and {@code . _ : -}, e.g. {@code repo:read}
     * @return this spec
     */
    public GrantSpec allow(String... actions) {
        for (String a : actions) {
            this.actions.add(Checks.action("action", a));
        }
        return this;
    }

    /**
     * @param pattern the resources covered; see {@link ResourcePattern} for the grammar
     * @return this spec
     */
    public GrantSpec on(String pattern) {
        this.resource = ResourcePattern.parse(pattern);
        return this;
    }

    /**
     * @param from the start of the validity window
     * @return this spec
     */
    public GrantSpec validFrom(Instant from) {
        this.validFrom = Objects.requireNonNull(from, "validFrom");
        return this;
    }

    /**
     * @param until the end of the validity window (exclusive)
     * @return this spec
     */
    public GrantSpec validUntil(Instant until) {
        this.validUntil = Objects.requireNonNull(until, "validUntil");
        this.validFor = null;
        return this;
    }

    /**
     * @param duration the length of the validity window, counted from {@code validFrom}
     * @return this spec
     */
    public GrantSpec validFor(Duration duration) {
        this.validFor = Checks.positive("validFor", duration);
        this.validUntil = null;
        return this;
    }

    /**
     * @param environment the only environment the grant is valid in
     * @return this spec
     */
    public GrantSpec environment(String environment) {
        this.environment = Checks.id("environment", environment);
        return this;
    }

    /**
     * @param uses how many allowed decisions the grant yields before it expires; at least 1
     * @return this spec
     */
    public GrantSpec maxUses(long uses) {
        if (uses < 1) {
            throw new ValidationException("maxUses", "must be at least 1");
        }
        this.maxUses = uses;
        return this;
    }

    /**
     * @param delegator the identity on whose behalf the grantee will act with this grant
     * @return this spec
     */
    public GrantSpec delegatedBy(IdentityId delegator) {
        this.delegatedBy = Objects.requireNonNull(delegator, "delegatedBy");
        return this;
    }

    /**
     * @param text why the grant is needed (a ticket, a task); required; free text, one line, in NFC,
     *     without control, format, invisible or unassigned code points
     * @return this spec
     */
    public GrantSpec justification(String text) {
        this.justification = Checks.text("justification", text);
        return this;
    }

    /** @return the grantee */
    public IdentityId grantee() {
        return grantee;
    }

    /** @return the actions, in the order given */
    public Set<String> actions() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(actions));
    }

    /** @return the resource pattern, if set */
    public Optional<ResourcePattern> resource() {
        return Optional.ofNullable(resource);
    }

    /** @return the environment restriction, if set */
    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    /** @return the use limit, if set */
    public OptionalLong maxUses() {
        return maxUses == null ? OptionalLong.empty() : OptionalLong.of(maxUses);
    }

    /** @return the delegator, if set */
    public Optional<IdentityId> delegatedBy() {
        return Optional.ofNullable(delegatedBy);
    }

    /** @return the justification, if set */
    public Optional<String> justification() {
        return Optional.ofNullable(justification);
    }

    /**
     * @param now the request instant
     * @return the start of the validity window
     */
    public Instant resolveValidFrom(Instant now) {
        return validFrom == null ? now : validFrom;
    }

    /**
     * @param now the request instant
     * @return the end of the validity window, if any
     */
    public Optional<Instant> resolveValidUntil(Instant now) {
        if (validFor != null) {
            return Optional.of(resolveValidFrom(now).plus(validFor));
        }
        return Optional.ofNullable(validUntil);
    }

    @Override
    public String toString() {
        return "GrantSpec[" + grantee + " " + actions + " on " + resource + "]";
    }
}
