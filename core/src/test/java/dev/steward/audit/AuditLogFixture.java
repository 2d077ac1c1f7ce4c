package dev.steward.audit;

import dev.steward.identity.IdentityId;
import dev.steward.internal.audit.AuditCodec;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A sealed, checkpointed audit log of varied events (unicode, control characters, quotes,
 * surrogate pairs, empty and absent fields), built deterministically for tamper tests.
 */
public final class AuditLogFixture {
    /** A fixed signing key, so failures reproduce. */
    public static final byte[] PRIVATE_KEY = new byte[32];
    /** Checkpoints are made after every this many events. */
    public static final int CHECKPOINT_EVERY = 100;

    static {
        for (int i = 0; i < PRIVATE_KEY.length; i++) {
            PRIVATE_KEY[i] = (byte) (i * 7 + 3);
        }
    }

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final String[] REASONS = {"SEC-42", "grant expired", "approved by owner",
        "Zugriff verweigert: Ressource außerhalb des Geltungsbereichs", "许可已撤销", "🔐 rotated key",
        "quote \" and backslash \\ and slash /", "line one\nline two\ttabbed\r\n", "nul \u0000 unit \u001f del \u007f",
        "", " leading and trailing spaces ", "separators \u2028 \u2029", "\uFEFF bom-prefixed"};
    private static final String[] TYPES = {"identity", "grant", "resource", "credential"};

    public final AuditSigner signer = AuditSigners.ed25519(PRIVATE_KEY);
    public final List<AuditEvent> events;
    public final List<AuditCheckpoint> checkpoints;

    private AuditLogFixture(int size) {
        Random random = new Random(20260301L);
        List<AuditEvent> sealed = new ArrayList<>(size);
        List<AuditCheckpoint> signed = new ArrayList<>();
        String previous = AuditHead.GENESIS_HASH;
        for (int i = 0; i < size; i++) {
            AuditEvent e = AuditCodec.seal(draft(random, i), i, previous);
            sealed.add(e);
            previous = e.hash();
            if ((i + 1) % CHECKPOINT_EVERY == 0) {
                signed.add(Checkpoints.checkpoint(signer, e, e.at().plusMillis(5)));
            }
        }
        events = List.copyOf(sealed);
        checkpoints = List.copyOf(signed);
    }

    /** @return a log of {@code size} events with a checkpoint after every 100th */
    public static AuditLogFixture of(int size) {
        return new AuditLogFixture(size);
    }

    /** @return an unsealed event with fields chosen from {@code random} */
    public static AuditEvent draft(Random random, int i) {
        // Cover the timestamp forms: whole seconds, millis, micros and nanos.
        long nanos = switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000L;
            case 2 -> random.nextInt(1_000_000) * 1_000L;
            default -> random.nextInt(1_000_000_000);
        };
        List<IdentityId> onBehalfOf = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
            onBehalfOf.add(IdentityId.of("human-" + random.nextInt(50) + "@acme.example"));
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (int k = random.nextInt(5); k > 0; k--) {
            details.put(pick(random, "tool", "scope", "ключ", "\uFF21wide", "😀emoji", "k" + random.nextInt(9)),
                    pick(random, REASONS));
        }
        return new AuditEvent(0, new AuditEventId("evt-" + i + "-" + Long.toHexString(random.nextLong())),
                START.plusSeconds(i).plusNanos(nanos), AuditAction.values()[i % AuditAction.values().length],
                AuditOutcome.values()[random.nextInt(AuditOutcome.values().length)],
                IdentityId.of(i % 7 == 0 ? "system:scheduler" : "agent-" + random.nextInt(20)), onBehalfOf,
                pick(random, TYPES), "github:acme/api/pulls/" + i + (i % 5 == 0 ? "/ü" : ""), pick(random, REASONS),
                i % 3 == 0 ? Optional.empty() : Optional.of(i % 9 == 1 ? "" : "call_" + Integer.toHexString(i)),
                details, "", "");
    }

    /** @return the checkpoints at or below {@code maxSequence} */
    public List<AuditCheckpoint> checkpointsUpTo(long maxSequence) {
        return checkpoints.stream().filter(c -> c.sequence() <= maxSequence).toList();
    }

    /** @return the log with events from {@code from} on re-sealed after {@code edit}, a consistent forgery */
    public List<AuditEvent> resealedFrom(int from, java.util.function.UnaryOperator<AuditEvent> edit) {
        List<AuditEvent> forged = new ArrayList<>(events.subList(0, from));
        String previous = from == 0 ? AuditHead.GENESIS_HASH : events.get(from - 1).hash();
        for (int i = from; i < events.size(); i++) {
            AuditEvent e = AuditCodec.seal(i == from ? edit.apply(events.get(i)) : events.get(i), i, previous);
            forged.add(e);
            previous = e.hash();
        }
        return forged;
    }

    /** @return the events as JSON Lines */
    public static String jsonLines(List<AuditEvent> events) {
        StringWriter out = new StringWriter();
        AuditExport.writeJsonLines(events, out);
        return out.toString();
    }

    /** @return the checkpoints as JSON Lines */
    public static String checkpointLines(List<AuditCheckpoint> checkpoints) {
        StringWriter out = new StringWriter();
        AuditExport.writeCheckpoints(checkpoints, out);
        return out.toString();
    }

    /** @return a copy of {@code e} with another reason and the same hashes, as a tamperer would leave it */
    public static AuditEvent withReason(AuditEvent e, String reason) {
        return new AuditEvent(e.sequence(), e.id(), e.at(), e.action(), e.outcome(), e.actor(), e.onBehalfOf(),
                e.targetType(), e.targetId(), reason, e.correlationId(), e.details(), e.previousHash(), e.hash());
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
