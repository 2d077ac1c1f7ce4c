package dev.steward;

import dev.steward.audit.AuditEvent;
import dev.steward.spi.GovernanceStore;
import java.util.List;

/** Wraps a store so a test can make every audit append fail. */
final class FailingStore extends InterceptedStore {
    volatile boolean failAudit;

    FailingStore(GovernanceStore delegate) {
        super(delegate);
    }

    @Override
    void before(String method, Object[] args) {
        if (failAudit && method.equals("appendAudit")) {
            @SuppressWarnings("unchecked")
            List<AuditEvent> events = (List<AuditEvent>) args[0];
            throw new IllegalStateException("disk full while appending " + events.size() + " events");
        }
    }
}
