package dev.steward.internal;

import dev.steward.Page;
import dev.steward.SweepReport;
import dev.steward.audit.AuditAction;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.internal.identity.DefaultIdentityService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The lifecycle sweep: expires ended grants and suspends orphans past their grace period. */
public final class Sweeper {
    private static final Actor SWEEP = Actor.system("lifecycle-sweep");

    private final Kernel kernel;
    private final DefaultIdentityService identities;

    /**
     * @param kernel the shared state
     * @param identities the identity service, for its suspension cascade
     */
    public Sweeper(Kernel kernel, DefaultIdentityService identities) {
        this.kernel = kernel;
        this.identities = identities;
    }

    /** @return what the sweep changed */
    public SweepReport sweep() {
        return new SweepReport(expireGrants(), suspendOrphans());
    }

    private int expireGrants() {
        int expired = 0;
        GrantQuery query = GrantQuery.all().status(GrantStatus.ACTIVE).limit(500);
        Optional<String> cursor = Optional.empty();
        do {
            GrantQuery pageQuery = cursor.map(query::after).orElse(query);
            Page<Grant> page = kernel.read(tx -> tx.queryGrants(pageQuery));
            expired += kernel.change(SWEEP, c -> {
                int n = 0;
                for (Grant g : page.items()) {
                    Grant fresh = c.grant(g.id());
                    if (fresh.status() == GrantStatus.ACTIVE
                            && fresh.validUntil().filter(u -> !u.isAfter(c.now())).isPresent()) {
                        c.update(fresh.withStatus(GrantStatus.EXPIRED, "validity window ended", c.now()),
                                AuditAction.GRANT_EXPIRED, "validity window ended", Map.of());
                        n++;
                    }
                }
                return n;
            });
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return expired;
    }

    private int suspendOrphans() {
        Optional<Duration> grace = kernel.settings().orphanPolicy().gracePeriod();
        if (grace.isEmpty()) {
            return 0;
        }
        int suspended = 0;
        IdentityQuery query = IdentityQuery.all().orphaned(true).status(IdentityStatus.ACTIVE).limit(500);
        Optional<String> cursor = Optional.empty();
        do {
            IdentityQuery pageQuery = cursor.map(query::after).orElse(query);
            Page<Identity> page = kernel.read(tx -> tx.queryIdentities(pageQuery));
            suspended += kernel.change(SWEEP, c -> {
                int n = 0;
                for (Identity i : page.items()) {
                    Identity fresh = c.identity(i.id());
                    Instant cutOff = fresh.orphanedAt().map(t -> t.plus(grace.get())).orElse(Instant.MAX);
                    if (fresh.status() == IdentityStatus.ACTIVE && !c.now().isBefore(cutOff)) {
                        identities.end(c, fresh, "orphaned for longer than " + grace.get(), IdentityStatus.SUSPENDED,
                                AuditAction.IDENTITY_SUSPENDED);
                        n++;
                    }
                }
                return n;
            });
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return suspended;
    }
}
