package dev.steward.credential;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-time challenge for a {@link CredentialType#PUBLIC_KEY} credential: the holder signs
 * {@link #message()} with its private key and presents the signature to
 * {@link CredentialService#verifySignature(Challenge, byte[])}. Single use, valid until
 * {@code expiresAt}: {@link #DEFAULT_LIFETIME} after it was issued, or what
 * {@code Steward.builder().challengeLifetime(...)} sets. A challenge presented after that is
 * rejected with {@link VerificationFailure#CHALLENGE_EXPIRED}.
 *
 * @param credential the public-key credential to prove
 * @param nonce 32 random bytes in base64url
 * @param expiresAt when the challenge stops being accepted
 */
public record Challenge(CredentialId credential, String nonce, Instant expiresAt) {
    /** How long a challenge is accepted unless the Steward is built with another lifetime: 2 minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(2);
    /** The longest lifetime {@code Steward.builder().challengeLifetime(...)} accepts: 1 hour. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    /**
     * Checks that nothing is null.
     *
     * @param credential the public-key credential to prove
     * @param nonce 32 random bytes in base64url
     * @param expiresAt when the challenge stops being accepted
     */
    public Challenge {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * @return the bytes to sign: the UTF-8 of {@code "steward-challenge-v1\n" + credential + "\n"
     *     + nonce + "\n" + expiresAt}, so a signature cannot be replayed for another credential
     */
    public byte[] message() {
        return ("steward-challenge-v1\n" + credential + "\n" + nonce + "\n" + expiresAt)
                .getBytes(StandardCharsets.UTF_8);
    }
}
