package dev.steward.internal;

import dev.steward.ConflictException;
import dev.steward.SweepReport;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialStatus;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.credential.DefaultCredentialService;
import dev.steward.internal.credential.CredentialTransitions;
import dev.steward.internal.grant.GrantTransitions;
import dev.steward.internal.identity.Leavers;
import dev.steward.internal.review.ReviewSweep;
import dev.steward.spi.EntityQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The lifecycle sweep: expires ended grants and credentials, suspends orphans past their grace
 * period, and revokes credentials unused for longer than the configured limit.
 */
public final class Sweeper {
    private static final Actor SWEEP = Actor.system("lifecycle-sweep");
    private static final int PAGE = 500;
    /** A page that keeps meeting other sweepers is left to the next sweep after this many tries. */
    private static final int PAGE_ATTEMPTS = 5;

    private final Kernel kernel;
    private final Leavers leavers;
    private final DefaultCredentialService credentials;
    private final ReviewSweep reviews;

    /**
     * @param kernel the shared state
     * @param leavers the suspension cascade
     * @param credentials the credential service, for its usage telemetry
     * @param reviews the review part of the sweep
     */
    public Sweeper(Kernel kernel, Leavers leavers, DefaultCredentialService credentials,
            ReviewSweep reviews) {
        this.kernel = kernel;
        this.leavers = leavers;
        this.credentials = credentials;
        this.reviews = reviews;
    }

    /** @return what the sweep changed */
    public SweepReport sweep() {
        credentials.flushUsage();
        kernel.grantUsage().flush(kernel.store());
        int grantsExpired = expireGrants();
        int orphans = suspendOrphans();
        int credentialsExpired = expireCredentials();
        int unused = revokeUnusedCredentials();
        ReviewSweep.Counts r = reviews.sweep();
        return new SweepReport(grantsExpired, orphans, credentialsExpired, unused, r.cyclesOpened(), r.cyclesClosed(),
                r.reminders(), r.escalations(), r.agentsSuspended());
    }

    private int expireCredentials() {
        int expired = 0;
        for (CredentialStatus status : new CredentialStatus[] {CredentialStatus.ACTIVE, CredentialStatus.ROTATED}) {
            expired += eachPage(CredentialQuery.all().status(status), (c, fresh) -> {
                if (fresh.status() != status || fresh.isAcceptedAt(c.now())) {
                    return false;
                }
                CredentialTransitions.expire(c, fresh,
                        status == CredentialStatus.ROTATED ? "rotation overlap ended" : "expired");
                return true;
            });
        }
        return expired;
    }

    private int revokeUnusedCredentials() {
        Optional<Duration> limit = kernel.settings().credentials().unusedLimit();
        if (limit.isEmpty()) {
            return 0;
        }
        Instant since = kernel.settings().clock().instant().minus(limit.get());
        String reason = "unused for " + Checks.words(limit.get());
        return eachPage(CredentialQuery.all().status(CredentialStatus.ACTIVE).unusedSince(since), (c, fresh) -> {
            if (fresh.status() != CredentialStatus.ACTIVE || !fresh.lastUsedAt().orElse(fresh.issuedAt()).isBefore(since)) {
                return false;
            }
            CredentialTransitions.revoke(c, fresh, reason, Map.of("inactive", "true"));
            return true;
        });
    }

    /**
     * Visits every item a query finds, one unit of work per page; the action re-reads each item
     * inside the unit and says whether it changed it.
     *
     * <p>Several instances may sweep one store at once. Their units contend for the same items, and
     * the versioned update lets only one change each item: the other unit fails with a conflict, is
     * rolled back whole, and its page is swept again, now finding those items already done. So an
     * item is changed, audited and counted once, by whichever instance committed first.
     */
    private <T> int sweepPages(EntityQuery<T> query, BiPredicate<Changes, T> action) {
        int[] changed = {0};
        Pages.forEach(kernel::page, query, page -> changed[0] += sweepPage(page.items(), action));
        return changed[0];
    }

    private <T> int sweepPage(List<T> items, BiPredicate<Changes, T> action) {
        for (int attempt = 1;; attempt++) {
            try {
                return kernel.change(SWEEP, c -> (int) items.stream().filter(item -> action.test(c, item)).count());
            } catch (ConflictException e) {
                if (attempt == PAGE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private int eachPage(CredentialQuery query, BiPredicate<Changes, Credential> action) {
        return sweepPages(EntityQuery.of(query.limit(PAGE)),
                (c, credential) -> action.test(c, c.credential(credential.id())));
    }

    private int expireGrants() {
        return sweepPages(EntityQuery.of(GrantQuery.all().status(GrantStatus.ACTIVE).limit(PAGE)), (c, g) -> {
            Grant fresh = c.grant(g.id());
            if (fresh.status() != GrantStatus.ACTIVE || fresh.validUntil().filter(u -> !u.isAfter(c.now())).isEmpty()) {
                return false;
            }
            GrantTransitions.expire(c, fresh, "validity window ended");
            return true;
        });
    }

    private int suspendOrphans() {
        Optional<Duration> grace = kernel.settings().orphanPolicy().gracePeriod();
        if (grace.isEmpty()) {
            return 0;
        }
        IdentityQuery query = IdentityQuery.all().orphaned(true).status(IdentityStatus.ACTIVE).limit(PAGE);
        return sweepPages(EntityQuery.of(query), (c, i) -> {
            Identity fresh = c.identity(i.id());
            Instant cutOff = fresh.orphanedAt().map(t -> t.plus(grace.get())).orElse(Instant.MAX);
            if (fresh.status() != IdentityStatus.ACTIVE || c.now().isBefore(cutOff)) {
                return false;
            }
            leavers.suspend(c, fresh, "orphaned for longer than the grace period of " + Checks.words(grace.get()),
                    SuspensionCause.ORPHANED);
            return true;
        });
    }
}
