package dev.steward.internal.audit;

import dev.steward.ValidationException;
import dev.steward.audit.AuditEvent;
import dev.steward.identity.IdentityId;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical encoding of audit events and checkpoint messages, and the hash chain over it, as
 * the public {@link dev.steward.audit.AuditChain} specifies them for auditors; it changes only
 * with {@link #VERSION} and {@link #CHECKPOINT_DOMAIN}.
 *
 * <p>Thread-safe; each thread reuses its own digest and buffer, so hashing allocates little
 * more than the resulting string.
 */
public final class AuditCodec {
    /** The version byte that starts every canonical event encoding. */
    public static final int VERSION = 1;
    /** The prefix of every checkpoint message, so no other signed bytes can pass for one. */
    public static final String CHECKPOINT_DOMAIN = "steward-audit-checkpoint-v1";

    private static final int HASH_BYTES = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private AuditCodec() {
    }

    /**
     * @param e an event, sealed or not
     * @return the canonical encoding of every field except {@code previousHash} and {@code hash}
     */
    public static byte[] canonical(AuditEvent e) {
        Objects.requireNonNull(e, "event");
        CanonicalBuffer buffer = SCRATCH.get().buffer;
        encode(buffer, e, e.sequence());
        return buffer.toByteArray();
    }

    /**
     * @param previousHash the hash of the event before, 64 lowercase hex characters
     * @param e the event, whose own {@code previousHash} and {@code hash} are ignored
     * @return the event's hash, 64 lowercase hex characters
     * @throws ValidationException if {@code previousHash} is not 64 lowercase hex characters
     */
    public static String hash(String previousHash, AuditEvent e) {
        Objects.requireNonNull(e, "event");
        return digest(previousHash, e, e.sequence(), SCRATCH.get());
    }

    /**
     * Places an event in the chain.
     *
     * @param draft the event; its sequence and hashes are replaced
     * @param sequence its position in the chain, from 0
     * @param previousHash the hash of the event before, or {@code AuditHead.GENESIS_HASH}
     * @return a copy with sequence, previous hash and hash set
     * @throws ValidationException if the sequence is negative, the previous hash is not 64
     *     lowercase hex characters, or a text field holds an unpaired UTF-16 surrogate (which no
     *     UTF-8 export could carry)
     */
    public static AuditEvent seal(AuditEvent draft, long sequence, String previousHash) {
        Objects.requireNonNull(draft, "draft");
        if (sequence < 0) {
            throw new ValidationException("sequence", "must not be negative");
        }
        Scratch scratch = SCRATCH.get();
        String hash = digest(previousHash, draft, sequence, scratch);
        if (scratch.buffer.sawLoneSurrogate()) {
            throw new ValidationException("auditEvent", "text must not contain unpaired UTF-16 surrogates");
        }
        return new AuditEvent(sequence, draft.id(), draft.at(), draft.action(), draft.outcome(), draft.actor(),
                draft.onBehalfOf(), draft.targetType(), draft.targetId(), draft.reason(), draft.correlationId(),
                draft.details(), previousHash, hash);
    }

    /**
     * @param sequence the sequence of the event the checkpoint covers
     * @param hash that event's hash, 64 lowercase hex characters
     * @param at when the checkpoint was made
     * @param keyId the signing key's id
     * @param algorithm the signature algorithm
     * @return the bytes a checkpoint signature covers
     * @throws ValidationException if {@code hash} is not 64 lowercase hex characters
     */
    public static byte[] checkpointMessage(long sequence, String hash, Instant at, String keyId, String algorithm) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        byte[] raw = new byte[HASH_BYTES];
        decodeHash("hash", hash, raw);
        CanonicalBuffer buffer = new CanonicalBuffer();
        buffer.str(CHECKPOINT_DOMAIN);
        buffer.i64(sequence);
        buffer.raw(raw);
        buffer.i64(at.getEpochSecond());
        buffer.i32(at.getNano());
        buffer.str(keyId);
        buffer.str(algorithm);
        return buffer.toByteArray();
    }

    /**
     * @param text any text, or null
     * @return whether it is 64 lowercase hex characters, the form of every hash in the log
     */
    public static boolean isHash(String text) {
        if (text == null || text.length() != 2 * HASH_BYTES) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (hexValue(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the bytes in lowercase hex */
    static String hex(byte[] bytes, int length) {
        byte[] out = new byte[2 * length];
        for (int i = 0; i < length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static String digest(String previousHash, AuditEvent e, long sequence, Scratch scratch) {
        // Events are sealed and verified in chain order, so the previous hash is most often the one
        // this thread's last digest returned: its bytes are still in scratch.out.
        if (previousHash != null && previousHash.equals(scratch.lastHash)) {
            System.arraycopy(scratch.out, 0, scratch.previous, 0, HASH_BYTES);
        } else {
            decodeHash("previousHash", previousHash, scratch.previous);
        }
        encode(scratch.buffer, e, sequence);
        MessageDigest sha256 = scratch.sha256;
        sha256.update(scratch.previous);
        sha256.update(scratch.buffer.array(), 0, scratch.buffer.size());
        try {
            sha256.digest(scratch.out, 0, HASH_BYTES);
        } catch (DigestException impossible) {
            throw new IllegalStateException("SHA-256 output does not fit 32 bytes", impossible);
        }
        scratch.lastHash = hex(scratch.out, HASH_BYTES);
        return scratch.lastHash;
    }

    private static void encode(CanonicalBuffer b, AuditEvent e, long sequence) {
        b.reset();
        b.u8(VERSION);
        b.i64(sequence);
        b.str(e.id().value());
        b.i64(e.at().getEpochSecond());
        b.i32(e.at().getNano());
        b.str(e.action().name());
        b.str(e.outcome().name());
        b.str(e.actor().value());
        b.i32(e.onBehalfOf().size());
        for (IdentityId id : e.onBehalfOf()) {
            b.str(id.value());
        }
        b.str(e.targetType());
        b.str(e.targetId());
        b.str(e.reason());
        if (e.correlationId().isPresent()) {
            b.u8(1);
            b.str(e.correlationId().get());
        } else {
            b.u8(0);
        }
        b.i32(e.details().size());
        for (Map.Entry<String, String> entry : inCodePointOrder(e.details())) {
            b.str(entry.getKey());
            b.str(entry.getValue());
        }
    }

    /**
     * The event's details are sorted by {@link String#compareTo}, UTF-16 order, which differs
     * from code point order only between surrogates and U+E000..U+FFFF; re-sort only then.
     */
    private static Collection<Map.Entry<String, String>> inCodePointOrder(Map<String, String> details) {
        for (String key : details.keySet()) {
            for (int i = 0; i < key.length(); i++) {
                if (Character.isSurrogate(key.charAt(i))) {
                    List<Map.Entry<String, String>> sorted = new ArrayList<>(details.entrySet());
                    sorted.sort(Map.Entry.comparingByKey(AuditCodec::compareCodePoints));
                    return sorted;
                }
            }
        }
        return details.entrySet();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static void decodeHash(String field, String hex, byte[] out) {
        if (!isHash(hex)) {
            throw new ValidationException(field, "must be 64 lowercase hex characters");
        }
        for (int i = 0; i < HASH_BYTES; i++) {
            out[i] = (byte) (hexValue(hex.charAt(2 * i)) << 4 | hexValue(hex.charAt(2 * i + 1)));
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Per-thread state: MessageDigest and the buffer are not thread-safe, and costly to remake. */
    private static final class Scratch {
        final MessageDigest sha256;
        final CanonicalBuffer buffer = new CanonicalBuffer();
        final byte[] previous = new byte[HASH_BYTES];
        final byte[] out = new byte[HASH_BYTES];
        /** The hash {@link #out} holds in hex, or {@code null} before the first digest. */
        String lastHash;

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
        }
    }
}
