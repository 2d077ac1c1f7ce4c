package dev.steward.credential;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-time challenge for a {@link CredentialType#PUBLIC_KEY} credential: the holder signs
 * {@link #message()} with its private key and presents the signature to
 * {@link CredentialService#verifySignature(Challenge, byte[])}. Single use, valid until
 * {@code expiresAt}.
 *
 * @param credential the public-key credential to prove
 * @param nonce 32 random bytes in base64url
 * @param expiresAt when the challenge stops being accepted
 */
public record Challenge(CredentialId credential, String nonce, Instant expiresAt) {
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
