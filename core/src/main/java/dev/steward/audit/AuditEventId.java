package dev.steward.audit;

import dev.steward.internal.Checks;

/**
 * The id of an {@link AuditEvent}, known as soon as a decision is made (before the event has its
 * place in the chain), so a caller can cite it.
 *
 * @param value the id's text
 */
public record AuditEventId(String value) {
    /**
     * Checks the id's format.
     *
     * @param value the id's text
     */
    public AuditEventId {
        Checks.id("auditEventId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
