package dev.steward.tck;

import dev.steward.audit.AuditChain;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals audit events and signs checkpoints through the public {@link AuditChain}, so that the
 * kit's tests append events that continue a real hash chain. Stateless.
 */
final class AuditSeal {
    private AuditSeal() {
    }

    static AuditEvent seal(AuditEvent draft, long sequence, String previousHash) {
        return AuditChain.seal(draft, sequence, previousHash);
    }

    /** Seals drafts one after the other, continuing from a head. */
    static List<AuditEvent> sealAll(AuditHead head, List<AuditEvent> drafts) {
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

    static String hash(String previousHash, AuditEvent event) {
        return AuditChain.hash(previousHash, event);
    }

    static AuditCheckpoint checkpoint(AuditEvent event, Instant at, AuditSigner signer) {
        return AuditChain.checkpoint(signer, event, at);
    }
}
