package dev.steward.audit;

import dev.steward.internal.audit.AuditCodec;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditSigner;
import java.time.Instant;

/**
 * The hash chain's arithmetic, for backend authors and auditors who build or check events
 * outside Steward: the canonical encoding an event's hash covers, the hash itself, sealing a draft
 * at a position of the chain, and signing a checkpoint. {@link AuditVerifier} checks what these
 * produce.
 */
public final class AuditChain {
    private AuditChain() {
    }

    /**
     * @param event an event; its sequence counts, its hashes do not
     * @return the canonical bytes its hash covers (specified in the internal codec's documentation
     *     and reproduced in the README)
     */
    public static byte[] canonical(AuditEvent event) {
        return AuditCodec.canonical(event);
    }

    /**
     * @param previousHash the hash of the event before, 64 lowercase hex characters
     * @param event the event
     * @return its hash: lowercase hex SHA-256 over the previous hash's 32 bytes and the canonical bytes
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
     * @return a signed checkpoint over that event
     */
    public static AuditCheckpoint checkpoint(AuditSigner signer, AuditEvent sealedEvent, Instant at) {
        return Checkpoints.checkpoint(signer, sealedEvent, at);
    }
}
