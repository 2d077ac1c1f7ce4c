package dev.steward.spi;

import java.util.Objects;

/**
 * The end of the audit chain, as seen under the chain lock.
 *
 * @param nextSequence the sequence the next event gets
 * @param lastHash the hash of the last event, or 64 zeros for an empty log
 */
public record AuditHead(long nextSequence, String lastHash) {
    /** The previous hash of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /**
     * Checks the fields.
     *
     * @param nextSequence the sequence the next event gets
     * @param lastHash the hash of the last event, or 64 zeros for an empty log
     */
    public AuditHead {
        Objects.requireNonNull(lastHash, "lastHash");
    }
}
