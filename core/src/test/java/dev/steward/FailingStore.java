package dev.steward;

import dev.steward.audit.AuditEvent;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wraps a store so a test can make every audit append fail, or make the store throw what it
 * chooses (an {@link Error} as readily as a {@link RuntimeException}) as a unit begins, at a
 * transaction method, as the unit commits, or when the change sequence is read.
 */
final class FailingStore extends InterceptedStore {
    /** Where the store fails. */
    enum Stage { BEGIN, MID_UNIT, COMMIT }

    volatile boolean failAudit;
    private volatile Stage stage;
    private volatile String method;
    private volatile Supplier<? extends Throwable> failure;
    private volatile Supplier<? extends Throwable> changesFailure;

    FailingStore(GovernanceStore delegate) {
        super(delegate);
    }

    /**
     * @param at where to fail
     * @param atMethod for {@link Stage#MID_UNIT}, the method that fails, named as {@link #before} names it
     * @param what the throwable to throw, made anew each time
     */
    void fail(Stage at, String atMethod, Supplier<? extends Throwable> what) {
        method = atMethod;
        failure = what;
        stage = at;
    }

    /** @param what thrown by every read of the change sequence; {@code null} to stop */
    void failChanges(Supplier<? extends Throwable> what) {
        changesFailure = what;
    }

    /** Stops failing (audit appends aside). */
    void heal() {
        stage = null;
    }

    @Override
    void beginning() {
        raiseAt(Stage.BEGIN);
    }

    @Override
    void committing() {
        raiseAt(Stage.COMMIT);
    }

    @Override
    void before(String name, Object[] args) {
        if (failAudit && name.equals("appendAudit")) {
            @SuppressWarnings("unchecked")
            List<AuditEvent> events = (List<AuditEvent>) args[0];
            throw new IllegalStateException("disk full while appending " + events.size() + " events");
        }
        if (name.equals(method)) {
            raiseAt(Stage.MID_UNIT);
        }
    }

    @Override
    public List<StoreChange> changesSince(long afterSequence, int max) {
        Supplier<? extends Throwable> f = changesFailure;
        if (f != null) {
            raise(f.get());
        }
        return super.changesSince(afterSequence, max);
    }

    private void raiseAt(Stage at) {
        if (stage == at) {
            raise(failure.get());
        }
    }

    private static void raise(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }
}
