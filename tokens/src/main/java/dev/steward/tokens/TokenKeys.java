package dev.steward.tokens;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token signing keys of a {@link StewardTokens}: the current signer, which signs every new
 * token, and the public keys of earlier signers, which keep verifying the tokens they signed until
 * their overlap ends. The one mutable part of token issuing: {@link #rotate} switches keys while
 * tokens are issued and verified; thread-safe.
 *
 * <pre>{@code
 * TokenKeys keys = TokenKeys.of(TokenSigners.generateEd25519());
 * keys.rotate(TokenSigners.generateEs256(), Duration.ofMinutes(10)); // at least the token lifetime
 * String jwks = keys.jwks();                                         // both keys, until the overlap ends
 * }</pre>
 */
public final class TokenKeys {
    /** A public key that verifies tokens, and until when (empty for the current key). */
    record VerifyingKey(String keyId, String algorithm, PublicKey publicKey, Optional<Instant> until) {
    }

    private record Ring(TokenSigner current, List<VerifyingKey> retired) {
    }

    private final Clock clock;
    private final AtomicReference<Ring> ring;

    private TokenKeys(TokenSigner current, Clock clock) {
        this.clock = clock;
        this.ring = new AtomicReference<>(new Ring(checked(current), List.of()));
    }

    /**
     * {@return keys with this signer current, whose overlaps run on the UTC system clock}
     *
     * @param current the signer of new tokens
     */
    public static TokenKeys of(TokenSigner current) {
        return of(current, Clock.systemUTC());
    }

    /**
     * {@return keys with this signer current, whose overlaps run on the given clock}
     *
     * @param current the signer of new tokens
     * @param clock the clock that ends overlaps; the Steward's own in tests
     */
    public static TokenKeys of(TokenSigner current, Clock clock) {
        return new TokenKeys(Objects.requireNonNull(current, "current"), Objects.requireNonNull(clock, "clock"));
    }

    private static TokenSigner checked(TokenSigner signer) {
        String keyId = Objects.requireNonNull(signer.keyId(), "signer.keyId");
        if (keyId.isEmpty() || keyId.length() > 200) {
            throw new ValidationException("signer.keyId", "must be 1 to 200 characters");
        }
        JwkKeys.requireFits(Objects.requireNonNull(signer.algorithm(), "signer.algorithm"),
                Objects.requireNonNull(signer.publicKey(), "signer.publicKey"));
        return signer;
    }

    /** @return the signer of new tokens */
    public TokenSigner current() {
        return ring.get().current();
    }

    /**
     * Makes {@code next} the signer of new tokens. The previous current key keeps verifying for
     * {@code overlap}, which should be at least the longest token lifetime, so that no token it
     * signed is refused before it expires; keys whose overlap ended are dropped.
     *
     * @param next the new signer, with a key id not held yet
     * @param overlap how long the previous current key keeps verifying, zero or more
     * @throws ValidationException if the key id is held already or the overlap is negative
     */
    public void rotate(TokenSigner next, Duration overlap) {
        checked(Objects.requireNonNull(next, "next"));
        Objects.requireNonNull(overlap, "overlap");
        if (overlap.isNegative()) {
            throw new ValidationException("overlap", "must not be negative");
        }
        Instant now = clock.instant();
        ring.updateAndGet(r -> {
            if (r.current().keyId().equals(next.keyId())
                    || r.retired().stream().anyMatch(k -> k.keyId().equals(next.keyId()))) {
                throw new ValidationException("next.keyId", "is held already; a rotation needs a new key");
            }
            List<VerifyingKey> retired = new ArrayList<>();
            retired.add(new VerifyingKey(r.current().keyId(), r.current().algorithm(), r.current().publicKey(),
                    Optional.of(now.plus(overlap))));
            r.retired().stream().filter(k -> k.until().orElseThrow().isAfter(now)).forEach(retired::add);
            return new Ring(next, List.copyOf(retired));
        });
    }

    /** {@return the keys that verify tokens now: the current one first, then those in their overlap} */
    List<VerifyingKey> verifyingKeys() {
        Ring r = ring.get();
        Instant now = clock.instant();
        List<VerifyingKey> keys = new ArrayList<>();
        keys.add(new VerifyingKey(r.current().keyId(), r.current().algorithm(), r.current().publicKey(),
                Optional.empty()));
        r.retired().stream().filter(k -> k.until().orElseThrow().isAfter(now)).forEach(keys::add);
        return keys;
    }

    /** {@return the JWK set of the keys that verify tokens now} */
    JWKSet jwkSet() {
        List<JWK> jwks = new ArrayList<>();
        for (VerifyingKey k : verifyingKeys()) {
            jwks.add(JwkKeys.toJwk(k.keyId(), k.algorithm(), k.publicKey()));
        }
        return new JWKSet(jwks);
    }

    /**
     * {@return the JSON text of the JWK set (RFC 7517 §5) of every key that verifies tokens now:
     *     what a JWKS endpoint serves to remote verifiers}
     */
    public String jwks() {
        return jwkSet().toString(true);
    }

    @Override
    public String toString() {
        return "TokenKeys" + verifyingKeys().stream().map(VerifyingKey::keyId).toList();
    }
}
