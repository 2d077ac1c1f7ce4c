package dev.steward.identity;

import dev.steward.authz.EnforcementMode;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to register: a builder for a new {@link Identity}, passed to
 * {@link IdentityService#register(IdentitySpec, Actor)}.
 *
 * <pre>{@code
 * IdentitySpec.agent("code-assistant")
 *     .owner(alice.id())
 *     .environment("prod")
 *     .expiresIn(Duration.ofDays(30))
 *     .purpose("review pull requests on acme/api");
 * }</pre>
 *
 * <p>What registration requires: every non-human identity (service account, workload, agent) needs
 * an {@link #owner owner}, an active human, and a {@link #purpose purpose}; an agent also needs an
 * expiry ({@link #expiresIn} or {@link #expiresAt}) within the Steward's {@code maxAgentLifetime}.
 * A person needs neither. {@link IdentityService#register} refuses a spec that lacks one: a
 * {@link dev.steward.PolicyViolationException} for a missing owner or expiry, a
 * {@link dev.steward.ValidationException} naming {@code purpose} for a missing purpose.
 *
 * <p>Not thread-safe: build it on one thread, then register it. Each setter checks its argument
 * and names it in the {@link dev.steward.ValidationException} it throws.
 *
 * <p>The name is shown to people and compared by them, so it is held to the rule of names: at
 * most 1024 characters in Unicode NFC, U+0020 as its only white space and never first or last,
 * and no control characters (CR, LF, NUL...), Unicode format characters (the bidirectional
 * controls such as U+202E, the zero-width characters such as U+200B and U+FEFF), invisible,
 * unassigned or private-use code points or lone surrogates. The purpose and attribute values are
 * free text: the same rules except that any space character is allowed. The environment and
 * attribute keys are ids.
 */
public final class IdentitySpec {
    private final IdentityKind kind;
    private final String name;
    private IdentityId owner;
    private String environment = "default";
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private IdentityId parent;
    private String purpose;
    private Instant expiresAt;
    private Duration expiresIn;
    private EnforcementMode enforcementMode = EnforcementMode.ENFORCE;

    private IdentitySpec(IdentityKind kind, String name) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Checks.name("name", name);
    }

    /**
     * @param kind the kind of identity
     * @param name its name
     * @return a spec for an identity of that kind
     */
    public static IdentitySpec of(IdentityKind kind, String name) {
        return new IdentitySpec(kind, name);
    }

    /**
     * @param name the person's name or email address
     * @return a spec for a person
     */
    public static IdentitySpec human(String name) {
        return new IdentitySpec(IdentityKind.HUMAN, name);
    }

    /**
     * @param name the service account's name
     * @return a spec for a service account; it needs an owner and a purpose
     */
    public static IdentitySpec service(String name) {
        return new IdentitySpec(IdentityKind.SERVICE, name);
    }

    /**
     * @param name the workload's name
     * @return a spec for a pipeline, job or pod; it needs an owner and a purpose
     */
    public static IdentitySpec workload(String name) {
        return new IdentitySpec(IdentityKind.WORKLOAD, name);
    }

    /**
     * @param name the agent's name
     * @return a spec for an AI agent; it needs an owner, a purpose and an expiry
     */
    public static IdentitySpec agent(String name) {
        return new IdentitySpec(IdentityKind.AGENT, name);
    }

    /**
     * @param owner the accountable human; required for every non-human identity
     * @return this spec
     */
    public IdentitySpec owner(IdentityId owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
        return this;
    }

    /**
     * @param environment where the identity acts, e.g. {@code prod}; {@code default} if not set
     * @return this spec
     */
    public IdentitySpec environment(String environment) {
        this.environment = Checks.id("environment", environment);
        return this;
    }

    /**
     * @param key attribute name
     * @param value attribute value
     * @return this spec
     */
    public IdentitySpec attribute(String key, String value) {
        attributes.put(Checks.id("attribute key", key), Checks.optionalText("attribute " + key, value));
        return this;
    }

    /**
     * @param parent the identity that started this one
     * @return this spec
     */
    public IdentitySpec parent(IdentityId parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
        return this;
    }

    /**
     * @param purpose why the identity exists, non-blank text; required for every non-human
     *     identity, optional for a person; recorded as the reason of its registration
     * @return this spec
     */
    public IdentitySpec purpose(String purpose) {
        this.purpose = Checks.text("purpose", purpose);
        return this;
    }

    /**
     * @param expiresAt when the identity ends
     * @return this spec
     */
    public IdentitySpec expiresAt(Instant expiresAt) {
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.expiresIn = null;
        return this;
    }

    /**
     * @param lifetime how long after registration the identity ends
     * @return this spec
     */
    public IdentitySpec expiresIn(Duration lifetime) {
        this.expiresIn = Checks.positive("expiresIn", lifetime);
        this.expiresAt = null;
        return this;
    }

    /**
     * @param mode how the tool-call guard treats this identity's denied calls; {@code ENFORCE} by default
     * @return this spec
     */
    public IdentitySpec enforcementMode(EnforcementMode mode) {
        this.enforcementMode = Objects.requireNonNull(mode, "enforcementMode");
        return this;
    }

    /** @return the kind */
    public IdentityKind kind() {
        return kind;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the owner, if set */
    public Optional<IdentityId> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return the environment */
    public String environment() {
        return environment;
    }

    /** @return a copy of the attributes */
    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    /** @return the parent, if set */
    public Optional<IdentityId> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return the purpose, if set */
    public Optional<String> purpose() {
        return Optional.ofNullable(purpose);
    }

    /** @return the enforcement mode */
    public EnforcementMode enforcementMode() {
        return enforcementMode;
    }

    /**
     * @param now the registration instant
     * @return the expiry this spec asks for, resolved against {@code now}
     */
    public Optional<Instant> resolveExpiry(Instant now) {
        if (expiresIn != null) {
            return Optional.of(now.plus(expiresIn));
        }
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "IdentitySpec[" + kind + " " + name + "]";
    }
}
