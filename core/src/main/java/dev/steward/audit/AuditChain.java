package dev.steward.audit;

import dev.steward.internal.audit.AuditCodec;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditSigner;
import java.time.Instant;

/**
 * The hash chain's arithmetic, for backend authors and auditors who build or check events
 * outside Steward: the canonical encoding an event's hash covers, the hash itself, sealing a draft
 * at a position of the chain, and signing a checkpoint. {@link AuditVerifier} checks what these
 * produce. This javadoc is the specification an independent verifier implements; it changes only
 * with the encoding's version byte and the checkpoint domain string.
 *
 * <h2>Primitives</h2>
 * <ul>
 *   <li>{@code u8}: one byte.</li>
 *   <li>{@code i32}, {@code i64}: 4 and 8 bytes, big-endian two's complement.</li>
 *   <li>{@code u32}: 4 bytes, big-endian unsigned (counts and lengths).</li>
 *   <li>{@code str}: {@code u32} length in bytes, then the string's UTF-8 bytes (no terminator, no
 *       normalization). Sealed events hold only well-formed Unicode ({@link #seal} refuses unpaired
 *       surrogates); should a Java string still hold one, it is written in its 3-byte generalized
 *       UTF-8 form, never replaced, so that two different strings never share an encoding.</li>
 *   <li>{@code hash32}: the 32 bytes a 64-character lowercase hex hash denotes.</li>
 * </ul>
 *
 * <h2>Event</h2>
 * <pre>
 * canonical(e) =
 *   u8   0x01                       encoding version
 *   i64  sequence
 *   str  id
 *   i64  at: seconds since 1970-01-01T00:00:00Z (negative before it)
 *   i32  at: nanoseconds within that second, 0..999999999
 *   str  action                     enum constant name, e.g. "ACCESS_DECIDED"
 *   str  outcome                    enum constant name, e.g. "ALLOWED"
 *   str  actor
 *   u32  number of onBehalfOf ids, then str for each, nearest first
 *   str  targetType
 *   str  targetId
 *   str  reason
 *   u8   0x00 if correlationId is absent, or 0x01 followed by str correlationId
 *   u32  number of details, then str key, str value for each, ascending by key in Unicode
 *        code point order (the unsigned byte order of the keys' UTF-8)
 *
 * hash(e) = lowercase hex of SHA-256( hash32(previousHash) || canonical(e) )
 * </pre>
 * {@code previousHash} and {@code hash} are not in {@code canonical(e)}: the previous hash is
 * the hash's first input instead, and is 64 zeros ({@link dev.steward.spi.AuditHead#GENESIS_HASH})
 * for the event at sequence 0. The event at position {@code i} of a log has sequence {@code i}.
 *
 * <h2>Checkpoint</h2>
 * <pre>
 * checkpointMessage(c) =
 *   str    "steward-audit-checkpoint-v1"   domain separation: never a valid event encoding
 *   i64    sequence
 *   hash32 hash
 *   i64    at: seconds since the epoch
 *   i32    at: nanoseconds within that second
 *   str    keyId
 *   str    algorithm                      "Ed25519"
 * </pre>
 * An {@code Ed25519} checkpoint's signature is pure Ed25519 (RFC 8032, no context, no prehash)
 * over those bytes, written in standard base64 (RFC 4648 section 4, with padding, no line breaks):
 * 88 characters for its 64 bytes. A verifier accepts only that exact text.
 *
 * <h2>Key id</h2>
 * A local Ed25519 signer ({@link AuditSigners}) records as {@code keyId} the first 16 characters
 * of the lowercase hex SHA-256 of its raw 32-byte public key (RFC 8032 encoding), that is, the
 * first 8 bytes of the digest in hex; {@link AuditKeys#of(byte[])} derives the same. Other
 * signers choose their own ids (a Vault Transit key signs as {@code vault-transit:<name>:v<n>});
 * an auditor then pairs each id with its public key in {@link AuditKeys}.
 *
 * <h2>What a log proves</h2>
 * A checkpoint signs the position and hash of one event, so a log verifies up to its newest
 * checkpoint with the public key alone; a log that ends before a checkpoint's position was cut
 * short ({@link AuditVerification.Problem#TRUNCATED}). Exports end at a checkpoint made when they
 * are written ({@link AuditLog#exportJsonLines}); a live log is also compared with the store's
 * head ({@link AuditLog#verify()}). The JSON form of events and checkpoints is specified in
 * {@link AuditExport}.
 */
public final class AuditChain {
    private AuditChain() {
    }

    /**
     * @param event an event; its sequence counts, its hashes do not
     * @return the canonical bytes its hash covers, {@code canonical(e)} above
     */
    public static byte[] canonical(AuditEvent event) {
        return AuditCodec.canonical(event);
    }

    /**
     * @param previousHash the hash of the event before, 64 lowercase hex characters
     * @param event the event
     * @return its hash, {@code hash(e)} above: lowercase hex SHA-256 over the previous hash's 32 bytes
     *     and the canonical bytes
     */
    public static String hash(String previousHash, AuditEvent event) {
        return AuditCodec.hash(previousHash, event);
    }

    /**
     * @param draft an event whose sequence and hashes are placeholders
     * @param sequence its position in the chain
     * @param previousHash the hash of the event before, or {@link dev.steward.spi.AuditHead#GENESIS_HASH}
     * @return the event at that position, with both hashes set
     */
    public static AuditEvent seal(AuditEvent draft, long sequence, String previousHash) {
        return AuditCodec.seal(draft, sequence, previousHash);
    }

    /**
     * @param signer the signing key
     * @param sealedEvent the event the checkpoint covers
     * @param at when the checkpoint is made
     * @return a checkpoint over that event, signed over {@code checkpointMessage} above
     */
    public static AuditCheckpoint checkpoint(AuditSigner signer, AuditEvent sealedEvent, Instant at) {
        return Checkpoints.checkpoint(signer, sealedEvent, at);
    }
}
