package dev.steward.tck;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.identity.IdentityId;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seals audit events and signs checkpoints the way Steward does, so that tests of a store can
 * append events that continue a real hash chain.
 *
 * <p>This is an independent implementation of the canonical encoding that core specifies for
 * auditors (version 1; see {@link dev.steward.audit.AuditVerifier}). It uses only the API and SPI,
 * never core's internal packages, so the kit runs on the module path as well as on the class path;
 * the kit's fixture test checks its output against {@link dev.steward.audit.AuditVerifier}.
 *
 * <pre>{@code
 * AuditHead head = tx.lockAuditHead();
 * tx.appendAudit(List.of(AuditSeal.seal(draft, head.nextSequence(), head.lastHash())));
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class AuditSeal {
    private static final int VERSION = 1;
    private static final String CHECKPOINT_DOMAIN = "steward-audit-checkpoint-v1";
    private static final HexFormat HEX = HexFormat.of();

    private AuditSeal() {
    }

    /**
     * Places an event in the chain.
     *
     * @param draft the event; its sequence and hashes are replaced
     * @param sequence its position in the chain, from 0
     * @param previousHash the hash of the event before, or {@link AuditHead#GENESIS_HASH}
     * @return a copy with sequence, previous hash and hash set
     * @throws IllegalArgumentException if the sequence is negative, the previous hash is not 64
     *     lowercase hex characters, or a text field holds an unpaired surrogate
     */
    public static AuditEvent seal(AuditEvent draft, long sequence, String previousHash) {
        Objects.requireNonNull(draft, "draft");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        AuditEvent placed = new AuditEvent(sequence, draft.id(), draft.at(), draft.action(), draft.outcome(),
                draft.actor(), draft.onBehalfOf(), draft.targetType(), draft.targetId(), draft.reason(),
                draft.correlationId(), draft.details(), previousHash, "");
        String hash = hash(previousHash, placed);
        return new AuditEvent(sequence, draft.id(), draft.at(), draft.action(), draft.outcome(), draft.actor(),
                draft.onBehalfOf(), draft.targetType(), draft.targetId(), draft.reason(), draft.correlationId(),
                draft.details(), previousHash, hash);
    }

    /**
     * Seals drafts one after the other, continuing from a head.
     *
     * @param head where the chain ends
     * @param drafts the events, in order
     * @return the sealed events
     */
    public static List<AuditEvent> sealAll(AuditHead head, List<AuditEvent> drafts) {
        List<AuditEvent> sealed = new ArrayList<>(drafts.size());
        long sequence = head.nextSequence();
        String previous = head.lastHash();
        for (AuditEvent draft : drafts) {
            AuditEvent e = seal(draft, sequence++, previous);
            previous = e.hash();
            sealed.add(e);
        }
        return sealed;
    }

    /**
     * @param previousHash the hash of the event before
     * @param event the event, whose own {@code previousHash} and {@code hash} are ignored
     * @return the event's hash: lowercase hex of SHA-256(previous hash bytes || canonical encoding)
     */
    public static String hash(String previousHash, AuditEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(hashBytes("previousHash", previousHash));
        sha256.update(canonical(event));
        return HEX.formatHex(sha256.digest());
    }

    /**
     * Signs a checkpoint over an event.
     *
     * @param event the event the checkpoint covers
     * @param at when the checkpoint is made
     * @param signer the signing key
     * @return the signed checkpoint
     */
    public static AuditCheckpoint checkpoint(AuditEvent event, Instant at, AuditSigner signer) {
        Out out = new Out();
        out.str(CHECKPOINT_DOMAIN);
        out.i64(event.sequence());
        out.raw(hashBytes("hash", event.hash()));
        out.i64(at.getEpochSecond());
        out.i32(at.getNano());
        out.str(signer.keyId());
        out.str(signer.algorithm());
        String signature = Base64.getEncoder().encodeToString(signer.sign(out.bytes()));
        return new AuditCheckpoint(event.sequence(), event.hash(), at, signer.keyId(), signer.algorithm(), signature);
    }

    private static byte[] canonical(AuditEvent e) {
        Out out = new Out();
        out.u8(VERSION);
        out.i64(e.sequence());
        out.str(e.id().value());
        out.i64(e.at().getEpochSecond());
        out.i32(e.at().getNano());
        out.str(e.action().name());
        out.str(e.outcome().name());
        out.str(e.actor().value());
        out.i32(e.onBehalfOf().size());
        for (IdentityId id : e.onBehalfOf()) {
            out.str(id.value());
        }
        out.str(e.targetType());
        out.str(e.targetId());
        out.str(e.reason());
        if (e.correlationId().isPresent()) {
            out.u8(1);
            out.str(e.correlationId().get());
        } else {
            out.u8(0);
        }
        List<Map.Entry<String, String>> details = new ArrayList<>(e.details().entrySet());
        details.sort(Map.Entry.comparingByKey(AuditSeal::compareCodePoints));
        out.i32(details.size());
        for (Map.Entry<String, String> d : details) {
            out.str(d.getKey());
            out.str(d.getValue());
        }
        return out.bytes();
    }

    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static byte[] hashBytes(String field, String hex) {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException(field + " must be 64 lowercase hex characters");
        }
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Big-endian writer of the encoding's primitives. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);

        void u8(int v) {
            write(() -> data.writeByte(v));
        }

        void i32(int v) {
            write(() -> data.writeInt(v));
        }

        void i64(long v) {
            write(() -> data.writeLong(v));
        }

        void raw(byte[] v) {
            write(() -> data.write(v));
        }

        void str(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("text must not contain unpaired UTF-16 surrogates");
                }
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            i32(utf8.length);
            raw(utf8);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private void write(IoAction action) {
            try {
                action.run();
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
