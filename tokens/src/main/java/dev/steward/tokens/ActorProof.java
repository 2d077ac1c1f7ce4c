package dev.steward.tokens;

import dev.steward.credential.Challenge;
import java.util.Objects;
import java.util.Optional;

/**
 * How the actor of a token exchange proves who it is: with its Steward API key, or with its
 * signature over a challenge Steward issued for its public-key credential
 * ({@link dev.steward.credential.CredentialService#challenge}). Its {@code toString} never shows
 * the key.
 */
public final class ActorProof {
    private final String apiKey;
    private final Challenge challenge;
    private final byte[] signature;

    private ActorProof(String apiKey, Challenge challenge, byte[] signature) {
        this.apiKey = apiKey;
        this.challenge = challenge;
        this.signature = signature;
    }

    /**
     * {@return a proof by the actor's API key (or client secret) as Steward issued it}
     *
     * @param key the key as presented
     */
    public static ActorProof apiKey(String key) {
        return new ActorProof(Objects.requireNonNull(key, "key"), null, null);
    }

    /**
     * {@return a proof by a signature over a one-time challenge}
     *
     * @param challenge the challenge Steward issued for the actor's public-key credential
     * @param signature the actor's signature over {@link Challenge#message()}
     */
    public static ActorProof signature(Challenge challenge, byte[] signature) {
        return new ActorProof(null, Objects.requireNonNull(challenge, "challenge"),
                Objects.requireNonNull(signature, "signature").clone());
    }

    /** @return the API key, for a proof by key */
    Optional<String> key() {
        return Optional.ofNullable(apiKey);
    }

    /** @return the challenge, for a proof by signature */
    Optional<Challenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /** @return a copy of the signature, for a proof by signature */
    byte[] signatureBytes() {
        return signature == null ? new byte[0] : signature.clone();
    }

    @Override
    public String toString() {
        return apiKey != null ? "ActorProof[api key]" : "ActorProof[signature over challenge of " + challenge.credential() + "]";
    }
}
