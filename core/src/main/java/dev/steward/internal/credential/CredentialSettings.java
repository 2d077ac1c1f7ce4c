package dev.steward.internal.credential;

import dev.steward.credential.CredentialPolicy;
import dev.steward.credential.CredentialType;
import dev.steward.spi.RotationHandler;
import dev.steward.spi.SecretBackend;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Credential settings, sealed at build time.
 *
 * @param secrets where stored secrets live, if configured
 * @param hasher computes verifiers of issued keys
 * @param policies lifetime and rotation rules per type
 * @param rotation changes stored secrets at their target systems, if configured
 * @param unusedLimit credentials unused this long are disabled by the sweep, if configured
 * @param challengeTtl how long a public-key challenge is accepted
 */
public record CredentialSettings(
        Optional<SecretBackend> secrets,
        KeyHasher hasher,
        Map<CredentialType, CredentialPolicy> policies,
        Optional<RotationHandler> rotation,
        Optional<Duration> unusedLimit,
        Duration challengeTtl) {

    /**
     * {@return the policy configured for this type, or {@link CredentialPolicy#defaultFor its default}}
     *
     * @param type a credential type
     */
    public CredentialPolicy policy(CredentialType type) {
        return policies.getOrDefault(type, CredentialPolicy.defaultFor(type));
    }
}
