package dev.steward.identity;

import dev.steward.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Who approved something, when, and under which reference (a ticket, a change request).
 *
 * @param approver the approving human
 * @param reference the ticket or reason given for the approval
 * @param at when the approval was recorded
 */
public record Approval(IdentityId approver, String reference, Instant at) {
    /**
     * Checks that every field is present.
     *
     * @param approver the approving human
     * @param reference the ticket or reason given for the approval
     * @param at when the approval was recorded
     */
    public Approval {
        Objects.requireNonNull(approver, "approver");
        Checks.name("reference", reference);
        Objects.requireNonNull(at, "at");
    }
}
