package dev.steward.audit;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.internal.audit.Ed25519AuditSigner;
import dev.steward.spi.AuditSigner;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Ed25519 public keys an auditor trusts to have signed checkpoints, each under the key id that
 * checkpoints record. A checkpoint verifies when its key id is in the set and its signature
 * verifies with that key. Several keys cover a signing key that rotated: a Vault Transit key, for
 * instance, signs as {@code vault-transit:<name>:v1}, then {@code …:v2}, and a log spanning the
 * rotation verifies with both public keys.
 *
 * <pre>{@code
 * AuditKeys keys = AuditKeys.of("vault-transit:audit:v1", v1).and("vault-transit:audit:v2", v2);
 * AuditVerification result = AuditVerifier.verify(events, checkpoints, keys);
 * }</pre>
 *
 * Immutable and thread-safe; keys are copied in and out.
 */
@CheckReturnValue
public final class AuditKeys {
    private final TreeMap<String, byte[]> keys;

    private AuditKeys(TreeMap<String, byte[]> keys) {
        this.keys = keys;
    }

    /**
     * One key under the id a local Ed25519 signer gives it (the first 16 hex characters of the
     * SHA-256 of its raw bytes), as {@link AuditSigners} signers record it.
     *
     * @param publicKey a raw 32-byte Ed25519 public key
     * @return a set of that key
     * @throws ValidationException if the key is not a valid Ed25519 public key
     */
    public static AuditKeys of(byte[] publicKey) {
        Ed25519AuditSigner.publicKey(publicKey);
        return of(Ed25519AuditSigner.keyId(publicKey), publicKey);
    }

    /**
     * @param keyId the id checkpoints signed with the key record
     * @param publicKey a raw 32-byte Ed25519 public key
     * @return a set of that key
     * @throws ValidationException if the key id is blank or the key is not a valid Ed25519 public key
     */
    public static AuditKeys of(String keyId, byte[] publicKey) {
        return new AuditKeys(new TreeMap<>()).and(keyId, publicKey);
    }

    /**
     * @param keysById raw 32-byte Ed25519 public keys by key id; at least one
     * @return a set of those keys
     * @throws ValidationException if the map is empty, or a key id or key is invalid
     */
    public static AuditKeys of(Map<String, byte[]> keysById) {
        Objects.requireNonNull(keysById, "keysById");
        if (keysById.isEmpty()) {
            throw new ValidationException("keysById", "must hold at least one key");
        }
        AuditKeys out = new AuditKeys(new TreeMap<>());
        for (Map.Entry<String, byte[]> e : keysById.entrySet()) {
            out = out.and(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * @param signer a signer
     * @return every key the signer names in {@link AuditSigner#publicKeys()}
     */
    public static AuditKeys of(AuditSigner signer) {
        return of(Objects.requireNonNull(signer, "signer").publicKeys());
    }

    /**
     * @param keyId the id checkpoints signed with the key record
     * @param publicKey a raw 32-byte Ed25519 public key
     * @return a set of these keys and that one (replacing a key under the same id)
     * @throws ValidationException if the key id is blank or the key is not a valid Ed25519 public key
     */
    public AuditKeys and(String keyId, byte[] publicKey) {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isBlank()) {
            throw new ValidationException("keyId", "must not be blank");
        }
        Ed25519AuditSigner.publicKey(publicKey);
        TreeMap<String, byte[]> copy = new TreeMap<>(keys);
        copy.put(keyId, publicKey.clone());
        return new AuditKeys(copy);
    }

    /** {@return the key ids, unmodifiable, in their natural (lexicographic) order} */
    public SortedSet<String> keyIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(keys.keySet()));
    }

    /**
     * @param keyId a key id
     * @return a copy of the key under that id, if any
     */
    public Optional<byte[]> publicKey(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuditKeys)) {
            return false;
        }
        Map<String, byte[]> other = ((AuditKeys) o).keys;
        return keys.keySet().equals(other.keySet())
                && keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return keys.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "AuditKeys" + keys.keySet();
    }
}
