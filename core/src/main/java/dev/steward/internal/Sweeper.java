package dev.steward.internal;

import dev.steward.Page;
import dev.steward.SweepReport;
import dev.steward.audit.AuditAction;
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
import dev.steward.internal.credential.DefaultCredentialService;
import dev.steward.internal.identity.DefaultIdentityService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The lifecycle sweep: expires ended grants and credentials, suspends orphans past their grace
 * period, and revokes credentials unused for longer than the configured limit.
 */
public final class Sweeper {
    private static final Actor SWEEP = Actor.system("lifecycle-sweep");

    private final Kernel kernel;
    private final DefaultIdentityService identities;
    private final DefaultCredentialService credentials;

    /**
     * @param kernel the shared state
     * @param identities the identity service, for its suspension cascade
     * @param credentials the credential service, for its usage telemetry
     */
    public Sweeper(Kernel kernel, DefaultIdentityService identities, DefaultCredentialService credentials) {
        this.kernel = kernel;
        this.identities = identities;
        this.credentials = credentials;
    }

    /** @return what the sweep changed */
    public SweepReport sweep() {
        credentials.flushUsage();
        return new SweepReport(expireGrants(), suspendOrphans(), expireCredentials(), revokeUnusedCredentials());
    }

    private int expireCredentials() {
        int expired = 0;
        for (CredentialStatus status : new CredentialStatus[] {CredentialStatus.ACTIVE, CredentialStatus.ROTATED}) {
            expired += eachPage(CredentialQuery.all().status(status), (c, fresh) -> {
                if (fresh.status() != status || fresh.isAcceptedAt(c.now())) {
                    return false;
                }
                String reason = status == CredentialStatus.ROTATED ? "rotation overlap ended" : "expired";
                c.update(fresh.withStatus(CredentialStatus.EXPIRED, reason, c.now()), AuditAction.CREDENTIAL_EXPIRED,
                        reason, Map.of());
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
            c.update(fresh.withStatus(CredentialStatus.REVOKED, reason, c.now()), AuditAction.CREDENTIAL_REVOKED,
                    reason, Map.of("inactive", "true"));
            return true;
        });
    }

    /** Visits every credential the query finds, a page per unit of work, re-reading each inside it. */
    private int eachPage(CredentialQuery query, BiPredicate<Changes, Credential> action) {
        int changed = 0;
        Optional<String> cursor = Optional.empty();
        do {
            CredentialQuery pageQuery = cursor.map(query.limit(500)::after).orElse(query.limit(500));
            Page<Credential> page = kernel.read(tx -> tx.queryCredentials(pageQuery));
            changed += kernel.change(SWEEP, c -> {
                int n = 0;
                for (Credential credential : page.items()) {
                    if (action.test(c, c.credential(credential.id()))) {
                        n++;
                    }
                }
                return n;
            });
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return changed;
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
                        identities.end(c, fresh, "orphaned for longer than the grace period of "
                                + Checks.words(grace.get()), IdentityStatus.SUSPENDED,
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
