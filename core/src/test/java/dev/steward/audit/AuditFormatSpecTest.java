package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.identity.IdentityId;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the byte forms the public javadoc of {@link AuditChain} and {@link AuditExport} specifies:
 * an independent implementation written from that text alone (canonical encoding, hash, key id,
 * checkpoint message) agrees with Steward, and golden lines fix the JSON export byte for byte.
 */
class AuditFormatSpecTest {
    private static final Instant AT = Instant.parse("2026-01-05T09:00:00.120Z");

    /** An event with every kind of field filled: correlation id, chain, details that sort differently by code point. */
    private static AuditEvent full() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("\uFFFDkey", "replacement char: before the emoji by code point, after it in UTF-16");
        details.put("\uD83D\uDE00key", "emoji");
        details.put("a", "\"quoted\" \\ / \n\t\u0001\u001F\u007F é \u2028 😀");
        AuditEvent draft = new AuditEvent(0, new AuditEventId("ae-1"), AT, AuditAction.ACCESS_DECIDED,
                AuditOutcome.ALLOWED, new IdentityId("bot"), List.of(new IdentityId("alice"), new IdentityId("hr")),
                "resource", "github:acme/api", "grant g-1 \"repo:read\"", Optional.of("tool-call-9"), details,
                AuditHead.GENESIS_HASH, AuditHead.GENESIS_HASH);
        return AuditChain.seal(draft, 7, "ab".repeat(32));
    }

    /** A minimal event: no correlation id, no chain, no details, a whole-second time. */
    private static AuditEvent minimal() {
        AuditEvent draft = new AuditEvent(0, new AuditEventId("ae-0"), Instant.parse("2026-01-05T09:00:00Z"),
                AuditAction.IDENTITY_REGISTERED, AuditOutcome.SUCCESS, new IdentityId("system:hr"), List.of(),
                "identity", "id-1", "registered", Optional.empty(), Map.of(), AuditHead.GENESIS_HASH,
                AuditHead.GENESIS_HASH);
        return AuditChain.seal(draft, 0, AuditHead.GENESIS_HASH);
    }

    // --- The independent implementation, from the javadoc of AuditChain --------------------------

    private static final class Spec {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Spec u8(int v) {
            return io(() -> out.writeByte(v));
        }

        Spec i32(int v) {
            return io(() -> out.writeInt(v));
        }

        Spec i64(long v) {
            return io(() -> out.writeLong(v));
        }

        Spec str(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return i32(utf8.length).io(() -> out.write(utf8));
        }

        Spec hash32(String hex) {
            return io(() -> out.write(HexFormat.of().parseHex(hex)));
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private Spec io(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @FunctionalInterface
        private interface IoStep {
            void run() throws IOException;
        }
    }

    private static byte[] canonical(AuditEvent e) {
        Spec s = new Spec().u8(1).i64(e.sequence()).str(e.id().value()).i64(e.at().getEpochSecond())
                .i32(e.at().getNano()).str(e.action().name()).str(e.outcome().name()).str(e.actor().value())
                .i32(e.onBehalfOf().size());
        e.onBehalfOf().forEach(id -> s.str(id.value()));
        s.str(e.targetType()).str(e.targetId()).str(e.reason());
        if (e.correlationId().isPresent()) {
            s.u8(1).str(e.correlationId().get());
        } else {
            s.u8(0);
        }
        List<String> keys = new ArrayList<>(e.details().keySet());
        keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        s.i32(keys.size());
        keys.forEach(k -> s.str(k).str(e.details().get(k)));
        return s.bytes();
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] checkpointMessage(AuditCheckpoint c) {
        return new Spec().str("steward-audit-checkpoint-v1").i64(c.sequence()).hash32(c.hash())
                .i64(c.at().getEpochSecond()).i32(c.at().getNano()).str(c.keyId()).str(c.algorithm()).bytes();
    }

    // --- The tests --------------------------------------------------------------------------------

    @Test
    @DisplayName("the canonical encoding and the hash, implemented from the AuditChain javadoc, match Steward's")
    void canonicalEncodingAndHash() {
        for (AuditEvent e : List.of(full(), minimal())) {
            assertThat(canonical(e)).isEqualTo(AuditChain.canonical(e));
            String hash = HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(e.previousHash()), canonical(e)));
            assertThat(hash).isEqualTo(e.hash()).isEqualTo(AuditChain.hash(e.previousHash(), e));
        }
    }

    @Test
    @DisplayName("the key id is the first 16 hex characters of SHA-256 over the raw public key; the checkpoint signs the documented message")
    void keyIdAndCheckpointMessage() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        AuditSigner signer = AuditSigners.ed25519(seed);
        String keyId = HexFormat.of().formatHex(sha256(signer.publicKey())).substring(0, 16);
        assertThat(signer.keyId()).isEqualTo(keyId);
        assertThat(AuditKeys.of(signer.publicKey()).keyIds()).containsExactly(keyId);

        AuditCheckpoint c = AuditChain.checkpoint(signer, full(), AT);
        assertThat(c.keyId()).isEqualTo(keyId);
        assertThat(c.algorithm()).isEqualTo("Ed25519");
        assertThat(c.signature()).hasSize(88).endsWith("==");
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(signer.publicKey()));
        byte[] message = checkpointMessage(c);
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(Base64.getDecoder().decode(c.signature()))).isTrue();
    }

    @Test
    @DisplayName("golden JSON lines: field order, types, absent fields, escapes, times and line ends are as documented")
    void goldenJsonLines() {
        StringWriter out = new StringWriter();
        AuditExport.writeJsonLines(List.of(minimal(), full()), out);
        String minimalLine = "{\"sequence\":0,\"id\":\"ae-0\",\"at\":\"2026-01-05T09:00:00Z\","
                + "\"action\":\"IDENTITY_REGISTERED\",\"outcome\":\"SUCCESS\",\"actor\":\"system:hr\",\"onBehalfOf\":[],"
                + "\"targetType\":\"identity\",\"targetId\":\"id-1\",\"reason\":\"registered\",\"details\":{},"
                + "\"previousHash\":\"" + AuditHead.GENESIS_HASH + "\",\"hash\":\"" + MINIMAL_HASH + "\"}";
        String fullLine = "{\"sequence\":7,\"id\":\"ae-1\",\"at\":\"2026-01-05T09:00:00.120Z\","
                + "\"action\":\"ACCESS_DECIDED\",\"outcome\":\"ALLOWED\",\"actor\":\"bot\",\"onBehalfOf\":[\"alice\",\"hr\"],"
                + "\"targetType\":\"resource\",\"targetId\":\"github:acme/api\",\"reason\":\"grant g-1 \\\"repo:read\\\"\","
                + "\"correlationId\":\"tool-call-9\",\"details\":{"
                + "\"a\":\"\\\"quoted\\\" \\\\ / \\n\\t\\u0001\\u001F\u007F é \u2028 😀\","
                + "\"\uD83D\uDE00key\":\"emoji\","
                + "\"\uFFFDkey\":\"replacement char: before the emoji by code point, after it in UTF-16\"},"
                + "\"previousHash\":\"" + "ab".repeat(32) + "\",\"hash\":\"" + FULL_HASH + "\"}";
        assertThat(out.toString()).isEqualTo(minimalLine + "\n" + fullLine + "\n");

        StringWriter checkpoints = new StringWriter();
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        AuditCheckpoint c = AuditChain.checkpoint(AuditSigners.ed25519(seed), minimal(), AT);
        AuditExport.writeCheckpoints(List.of(c), checkpoints);
        assertThat(checkpoints.toString()).isEqualTo("{\"sequence\":0,\"hash\":\"" + MINIMAL_HASH
                + "\",\"at\":\"2026-01-05T09:00:00.120Z\",\"keyId\":\"" + KEY_ID
                + "\",\"algorithm\":\"Ed25519\",\"signature\":\"" + SIGNATURE + "\"}\n");
        assertThat(AuditExport.readJsonLines(new StringReader(out.toString()))).containsExactly(minimal(), full());
    }

    /** Pinned outputs: Ed25519 signatures are deterministic (RFC 8032), so the signature is too. */
    private static final String MINIMAL_HASH = "825dd7544dada6bd4a2c855b32244b8a18817ab0df26cbc654a13ffb7f1858a1";
    private static final String FULL_HASH = "09ef53d267ecfd632a4f4dc5e91fa5fefcaf26f9f10799defc394bcc037e0bf5";
    private static final String KEY_ID = "fe812c12f3ab4ce6";
    private static final String SIGNATURE = "+XlzDUxgJF2xlv/GR2kTFTou36tNEOD3Cof+7mke52hxkGV5N+q0+FBzVDjrbbWlK+rzH09Ukj1btRbH6lZbCw==";
}
