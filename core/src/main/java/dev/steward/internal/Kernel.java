package dev.steward.internal;

import dev.steward.BackendUnavailableException;
import dev.steward.StewardException;
import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.steward.internal.audit.AuditWriter;
import dev.steward.internal.authz.AuthorizationIndex;
import dev.steward.grant.GrantId;
import dev.steward.internal.credential.CredentialIndex;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreTransaction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the services share: the store, the settings, the decision index and the audit writer; and
 * the one way to change state, {@link #change(dev.steward.identity.Actor, Function)}.
 */
public final class Kernel {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final GovernanceStore store;
    private final Settings settings;
    private final AuthorizationIndex index;
    private final AuditWriter audit;
    private final CredentialIndex credentials = new CredentialIndex();
    /** Reconfirmation period plus grace, after which an unreconfirmed agent is denied; null when off. */
    private final Duration reconfirmationWindow;
    private final UsageRecorder<GrantId> grantUsage =
            new UsageRecorder<>("grant usage", StoreTransaction::recordGrantUsage);

    /**
     * @param store the store
     * @param settings the sealed settings
     * @param index the decision index
     * @param audit the audit writer
     */
    public Kernel(GovernanceStore store, Settings settings, AuthorizationIndex index, AuditWriter audit) {
        this.store = store;
        this.settings = settings;
        this.index = index;
        this.audit = audit;
        this.reconfirmationWindow = settings.reviews().reconfirmAgentsEvery()
                .map(d -> d.plus(settings.reviews().reconfirmationGrace())).orElse(null);
    }

    /** @return the store */
    public GovernanceStore store() {
        return store;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the decision index */
    public AuthorizationIndex index() {
        return index;
    }

    /** @return the credential index */
    public CredentialIndex credentials() {
        return credentials;
    }

    /** @return the usage telemetry of grants, counted by allowing decisions */
    public UsageRecorder<GrantId> grantUsage() {
        return grantUsage;
    }

    /** @return the audit writer */
    public AuditWriter audit() {
        return audit;
    }

    /**
     * Runs a change as one unit of work: the work's writes and their audit events commit together
     * or not at all; after commit, the decision index sees the new state before this returns.
     *
     * @param actor who makes the change
     * @param work the change, given a {@link Changes} to write through
     * @param <T> the result
     * @return the work's result
     */
    public <T> T change(dev.steward.identity.Actor actor, Function<Changes, T> work) {
        Changes[] holder = new Changes[1];
        T result;
        try {
            result = store.transact(tx -> {
                Changes changes = new Changes(tx, actor, settings.clock().instant(), audit);
                holder[0] = changes;
                T r = work.apply(changes);
                audit.appendInTransaction(tx, changes.events());
                return r;
            });
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendUnavailableException(store.name(), "the unit of work failed and was rolled back", e);
        }
        holder[0].identities().forEach(index::putIdentity);
        holder[0].grants().forEach(index::putGrant);
        holder[0].credentials().forEach(credentials::put);
        for (Runnable effect : holder[0].afterCommitEffects()) {
            try {
                effect.run();
            } catch (RuntimeException e) {
                LOG.warn("a side effect after a committed change failed; the change stands", e);
            }
        }
        return result;
    }

    /**
     * Whether an identity may act at all right now: active, unexpired, and accountable.
     *
     * @param identity the identity
     * @param now the instant of the decision
     * @return {@code null} if it may, or the reason it may not
     */
    public DecisionReason standing(Identity identity, Instant now) {
        if (identity.status() != IdentityStatus.ACTIVE) {
            return DecisionReason.IDENTITY_NOT_ACTIVE;
        }
        if (identity.isExpiredAt(now)) {
            return DecisionReason.IDENTITY_EXPIRED;
        }
        if (identity.kind() == IdentityKind.HUMAN) {
            return null;
        }
        if (identity.orphanedAt().isPresent()) {
            Optional<Duration> grace = settings.orphanPolicy().gracePeriod();
            return grace.isEmpty() || !now.isBefore(identity.orphanedAt().get().plus(grace.get()))
                    ? DecisionReason.ORPHANED : null;
        }
        Identity owner = identity.owner().map(index::identity).orElse(null);
        if (owner == null || owner.kind() != IdentityKind.HUMAN || owner.status() != IdentityStatus.ACTIVE
                || owner.isExpiredAt(now)) {
            return DecisionReason.OWNER_NOT_ACTIVE;
        }
        if (reconfirmationWindow != null && identity.kind() == IdentityKind.AGENT
                && !now.isBefore(identity.reconfirmationBase().plus(reconfirmationWindow))) {
            return DecisionReason.RECONFIRMATION_OVERDUE;
        }
        return null;
    }

    /**
     * Reads inside a unit of work that writes nothing.
     *
     * @param work the read
     * @param <T> the result
     * @return the read's result
     */
    public <T> T read(Function<dev.steward.spi.StoreTransaction, T> work) {
        try {
            return store.transact(work::apply);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendUnavailableException(store.name(), "the read failed", e);
        }
    }
}
