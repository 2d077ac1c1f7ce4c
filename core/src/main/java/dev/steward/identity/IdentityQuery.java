package dev.steward.identity;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over identities with cursor pagination. Every criterion is optional; results are
 * ordered by id.
 *
 * <pre>{@code
 * IdentityQuery.all().kind(IdentityKind.AGENT).orphaned(true).limit(50)
 * }</pre>
 *
 * @param kind only identities of this kind
 * @param status only identities in this state
 * @param owner only identities owned by this human
 * @param environment only identities in this environment
 * @param orphaned only orphaned (true) or not orphaned (false) identities
 * @param expiringBefore only identities whose expiry is before this instant
 * @param cursor where the previous page ended
 * @param limit the page size, 1 to 1000
 */
@CheckReturnValue
public record IdentityQuery(
        Optional<IdentityKind> kind,
        Optional<IdentityStatus> status,
        Optional<IdentityId> owner,
        Optional<String> environment,
        Optional<Boolean> orphaned,
        Optional<Instant> expiringBefore,
        Optional<String> cursor,
        int limit) {

    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Checks the page size and that nothing is null.
     *
     * @param kind only identities of this kind
     * @param status only identities in this state
     * @param owner only identities owned by this human
     * @param environment only identities in this environment
     * @param orphaned only orphaned (true) or not orphaned (false) identities
     * @param expiringBefore only identities whose expiry is before this instant
     * @param cursor where the previous page ended
     * @param limit the page size, 1 to 1000
     */
    public IdentityQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(orphaned, "orphaned");
        Objects.requireNonNull(expiringBefore, "expiringBefore");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** @return a query matching every identity, 100 per page */
    public static IdentityQuery all() {
        return new IdentityQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /**
     * {@return a copy of this query that keeps only identities of this kind, in place of any kind given before}
     *
     * @param value the kind to keep
     */
    public IdentityQuery kind(IdentityKind value) {
        return new IdentityQuery(Optional.of(value), status, owner, environment, orphaned, expiringBefore, cursor,
                limit);
    }

    /**
     * {@return a copy of this query that keeps only identities in this state, in place of any status given before}
     *
     * @param value the status to keep
     */
    public IdentityQuery status(IdentityStatus value) {
        return new IdentityQuery(kind, Optional.of(value), owner, environment, orphaned, expiringBefore, cursor,
                limit);
    }

    /**
     * {@return a copy of this query that keeps only identities this identity owns, in place of any owner given before}
     *
     * @param value the owner's id
     */
    public IdentityQuery owner(IdentityId value) {
        return new IdentityQuery(kind, status, Optional.of(value), environment, orphaned, expiringBefore, cursor,
                limit);
    }

    /**
     * {@return a copy of this query that keeps only identities in this environment, in place of any given before}
     *
     * @param value the environment's name, e.g. {@code prod}
     */
    public IdentityQuery environment(String value) {
        return new IdentityQuery(kind, status, owner, Optional.of(value), orphaned, expiringBefore, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only orphaned identities, or only owned ones}
     *
     * @param value {@code true} to keep identities without a current owner, {@code false} to keep the others
     */
    public IdentityQuery orphaned(boolean value) {
        return new IdentityQuery(kind, status, owner, environment, Optional.of(value), expiringBefore, cursor,
                limit);
    }

    /**
     * {@return a copy of this query that keeps only identities that expire before this instant}
     *
     * @param value the instant; identities that never expire do not match
     */
    public IdentityQuery expiringBefore(Instant value) {
        return new IdentityQuery(kind, status, owner, environment, orphaned, Optional.of(value), cursor, limit);
    }

    /**
     * {@return a copy of this query that starts after the page this cursor ends}
     *
     * @param value the {@link dev.steward.Page#nextCursor() next cursor} of the previous page
     */
    public IdentityQuery after(String value) {
        return new IdentityQuery(kind, status, owner, environment, orphaned, expiringBefore, Optional.of(value),
                limit);
    }

    /**
     * {@return a copy of this query with this page size}
     *
     * @param value the page size, 1 to {@value #MAX_LIMIT}
     * @throws ValidationException if the page size is out of range
     */
    public IdentityQuery limit(int value) {
        return new IdentityQuery(kind, status, owner, environment, orphaned, expiringBefore, cursor, value);
    }

    /**
     * @param identity an identity
     * @return whether it passes every filter of this query (the cursor and limit aside)
     */
    public boolean matches(Identity identity) {
        return kind.map(k -> k == identity.kind()).orElse(true)
                && status.map(s -> s == identity.status()).orElse(true)
                && owner.map(o -> identity.owner().filter(o::equals).isPresent()).orElse(true)
                && environment.map(e -> e.equals(identity.environment())).orElse(true)
                && orphaned.map(o -> o == identity.isOrphaned()).orElse(true)
                && expiringBefore.map(t -> identity.expiresAt().filter(x -> x.isBefore(t)).isPresent()).orElse(true);
    }
}
