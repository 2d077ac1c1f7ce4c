package dev.steward.credential;

import dev.steward.identity.IdentityId;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a presented credential: the identity and credential it proves, or why
 * not. Never carries the presented secret.
 *
 * @param identity the proven identity, when valid
 * @param credential the matching credential, when valid
 * @param failure why it was rejected, when not valid
 */
public record VerificationResult(Optional<IdentityId> identity, Optional<Credential> credential,
        Optional<VerificationFailure> failure) {

    /**
     * Checks that nothing is null.
     *
     * @param identity the proven identity, when valid
     * @param credential the matching credential, when valid
     * @param failure why it was rejected, when not valid
     */
    public VerificationResult {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * {@return a successful result proving this credential and its identity}
     *
     * @param credential the credential the presented secret matched
     */
    public static VerificationResult valid(Credential credential) {
        return new VerificationResult(Optional.of(credential.identity()), Optional.of(credential), Optional.empty());
    }

    /**
     * {@return a failed result, naming why}
     *
     * @param reason why the presented credential was rejected
     */
    public static VerificationResult rejected(VerificationFailure reason) {
        return new VerificationResult(Optional.empty(), Optional.empty(), Optional.of(reason));
    }

    /** @return whether the credential was accepted */
    public boolean isValid() {
        return failure.isEmpty();
    }
}
