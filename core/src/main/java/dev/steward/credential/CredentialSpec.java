package dev.steward.credential;

import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What credential to issue, store or register, passed to {@link CredentialService}.
 *
 * <pre>{@code
 * CredentialSpec.apiKey(bot.id()).name("ci-deploy").expiresIn(Duration.ofDays(30));
 * }</pre>
 *
 * <p>The expiry defaults to the type's maximum lifetime ({@link CredentialPolicy}). Not thread-safe.
 */
public final class CredentialSpec {
    private final CredentialType type;
    private final IdentityId identity;
    private String name;
    private Instant expiresAt;
    private Duration expiresIn;

    private CredentialSpec(CredentialType type, IdentityId identity) {
        this.type = Objects.requireNonNull(type, "type");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.name = type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type the type
     * @param identity the holder
     * @return a spec for a credential of that type
     */
    public static CredentialSpec of(CredentialType type, IdentityId identity) {
        return new CredentialSpec(type, identity);
    }

    /**
     * {@return a spec for an API key that Steward issues to this identity}
     *
     * @param identity the holder's id
     */
    public static CredentialSpec apiKey(IdentityId identity) {
        return new CredentialSpec(CredentialType.API_KEY, identity);
    }

    /**
     * {@return a spec for a client secret that Steward issues to this identity}
     *
     * @param identity the holder's id
     */
    public static CredentialSpec clientSecret(IdentityId identity) {
        return new CredentialSpec(CredentialType.CLIENT_SECRET, identity);
    }

    /**
     * {@return a spec for a secret of this identity's that is held in the secret backend}
     *
     * @param identity the holder's id
     */
    public static CredentialSpec storedSecret(IdentityId identity) {
        return new CredentialSpec(CredentialType.STORED_SECRET, identity);
    }

    /**
     * {@return a spec for a public key whose private key this identity holds}
     *
     * @param identity the holder's id
     */
    public static CredentialSpec publicKey(IdentityId identity) {
        return new CredentialSpec(CredentialType.PUBLIC_KEY, identity);
    }

    /**
     * @param value a label, e.g. {@code ci-deploy}; letters, digits and {@code . _ : @ + -}
     * @return this spec
     */
    public CredentialSpec name(String value) {
        this.name = Checks.id("name", value);
        return this;
    }

    /**
     * Sets when the credential ends, in place of any {@link #expiresIn(Duration)} given before.
     *
     * @param value the instant the credential expires
     * @return this spec
     */
    public CredentialSpec expiresAt(Instant value) {
        this.expiresAt = Objects.requireNonNull(value, "expiresAt");
        this.expiresIn = null;
        return this;
    }

    /**
     * Sets how long after issue the credential ends, in place of any {@link #expiresAt(Instant)} given before.
     *
     * @param value the credential's lifetime from issue, positive
     * @return this spec
     */
    public CredentialSpec expiresIn(Duration value) {
        this.expiresIn = Checks.positive("expiresIn", value);
        this.expiresAt = null;
        return this;
    }

    /** @return the type */
    public CredentialType type() {
        return type;
    }

    /** @return the holder */
    public IdentityId identity() {
        return identity;
    }

    /** @return the label */
    public String name() {
        return name;
    }

    /**
     * @param now the issue instant
     * @return the expiry asked for, resolved against {@code now}
     */
    public Optional<Instant> resolveExpiry(Instant now) {
        return expiresIn != null ? Optional.of(now.plus(expiresIn)) : Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "CredentialSpec[" + type + " " + name + " for " + identity + "]";
    }
}
