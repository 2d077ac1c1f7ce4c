package dev.steward.internal;

import dev.steward.audit.AuditEvent;
import dev.steward.identity.IdentityId;
import dev.steward.internal.credential.KeyText;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one redaction of issued keys from everything Steward writes down: audit events (applied by
 * the audit writer to every event it seals, so no path can skip it), log lines ({@link Log}),
 * exception messages ({@link dev.steward.StewardException}) and the texts a decision echoes. A key
 * becomes {@code redacted-key:} and its fingerprint, as {@link dev.steward.credential.SecretScanner#redact} writes it.
 * Costs a length check and at most one {@code indexOf} per text that holds no key.
 */
public final class Redaction {
    private static final int MAX_CAUSES = 32;

    private Redaction() {
    }

    /**
     * {@return the text with every issued key replaced by its fingerprint; the same string if it holds none}
     *
     * @param text any text, or null (returned as it is)
     */
    public static String text(String text) {
        return KeyText.redact(text);
    }

    /**
     * {@return the id with every issued key in it replaced by its fingerprint; the same id if it holds none}
     *
     * @param id an identity id
     */
    public static IdentityId id(IdentityId id) {
        String value = KeyText.redact(id.value());
        return value == id.value() ? id : new IdentityId(value);
    }

    /**
     * @param event an event, sealed or not
     * @return the event with every text field redacted (actor, delegation chain, target, reason,
     *     correlation id, details' keys and values); the same event if nothing held a key
     */
    public static AuditEvent event(AuditEvent event) {
        IdentityId actor = id(event.actor());
        List<IdentityId> chain = event.onBehalfOf();
        for (int i = 0; i < chain.size(); i++) {
            if (id(chain.get(i)) != chain.get(i)) {
                chain = chain.stream().map(Redaction::id).toList();
                break;
            }
        }
        String targetType = text(event.targetType());
        String targetId = text(event.targetId());
        String reason = text(event.reason());
        Optional<String> correlation = event.correlationId();
        if (correlation.isPresent() && text(correlation.get()) != correlation.get()) {
            correlation = Optional.of(text(correlation.get()));
        }
        Map<String, String> details = event.details();
        for (Map.Entry<String, String> e : event.details().entrySet()) {
            if (text(e.getKey()) != e.getKey() || text(e.getValue()) != e.getValue()) {
                details = new LinkedHashMap<>();
                for (Map.Entry<String, String> d : event.details().entrySet()) {
                    details.merge(text(d.getKey()), text(d.getValue()), (a, b) -> a + "," + b);
                }
                break;
            }
        }
        if (actor == event.actor() && chain == event.onBehalfOf() && targetType == event.targetType()
                && targetId == event.targetId() && reason == event.reason() && correlation.equals(event.correlationId())
                && details == event.details()) {
            return event;
        }
        return new AuditEvent(event.sequence(), event.id(), event.at(), event.action(), event.outcome(), actor, chain,
                targetType, targetId, reason, correlation, details, event.previousHash(), event.hash());
    }

    /**
     * @param thrown a failure about to be logged
     * @return the failure itself if no message in it or its causes holds a key; else a copy of the
     *     chain with each message redacted and each stack trace kept
     */
    public static Throwable throwable(Throwable thrown) {
        if (thrown == null || !holdsKey(thrown, new IdentityHashMap<>())) {
            return thrown;
        }
        return copy(thrown, new IdentityHashMap<>());
    }

    private static boolean holdsKey(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.size() > MAX_CAUSES || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && text(message) != message) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (holdsKey(s, seen)) {
                return true;
            }
        }
        return holdsKey(t.getCause(), seen);
    }

    private static Throwable copy(Throwable t, Map<Throwable, Throwable> done) {
        if (t == null || done.size() > MAX_CAUSES) {
            return null;
        }
        Throwable existing = done.get(t);
        if (existing != null) {
            return existing;
        }
        String message = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": "
                + text(t.getMessage());
        Redacted copy = new Redacted(message);
        done.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = copy(t.getCause(), done);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable s : t.getSuppressed()) {
            Throwable c = copy(s, done);
            if (c != null && c != copy) {
                copy.addSuppressed(c);
            }
        }
        return copy;
    }

    /** A logged failure whose message held a key: shows the original's class, redacted message and stack. */
    private static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
