package dev.steward.grant;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over grants with cursor pagination; results are ordered by id.
 *
 * @param grantee only grants held by this identity
 * @param status only grants in this state
 * @param delegatedBy only grants delegated by this identity
 * @param cursor where the previous page ended
 * @param limit the page size, 1 to 1000
 */
@CheckReturnValue
public record GrantQuery(
        Optional<IdentityId> grantee,
        Optional<GrantStatus> status,
        Optional<IdentityId> delegatedBy,
        Optional<String> cursor,
        int limit) {

    /**
     * Checks the page size and that nothing is null.
     *
     * @param grantee only grants held by this identity
     * @param status only grants in this state
     * @param delegatedBy only grants delegated by this identity
     * @param cursor where the previous page ended
     * @param limit the page size, 1 to 1000
     */
    public GrantQuery {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(delegatedBy, "delegatedBy");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
    }

    /** @return a query matching every grant, 100 per page */
    public static GrantQuery all() {
        return new GrantQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /**
     * {@return a copy of this query that keeps only grants this identity holds, in place of any grantee given before}
     *
     * @param value the grantee's id
     */
    public GrantQuery grantee(IdentityId value) {
        return new GrantQuery(Optional.of(value), status, delegatedBy, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only grants in this state, in place of any status given before}
     *
     * @param value the status to keep
     */
    public GrantQuery status(GrantStatus value) {
        return new GrantQuery(grantee, Optional.of(value), delegatedBy, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only grants this identity delegated,
     * in place of any delegator given before}
     *
     * @param value the delegator's id
     */
    public GrantQuery delegatedBy(IdentityId value) {
        return new GrantQuery(grantee, status, Optional.of(value), cursor, limit);
    }

    /**
     * {@return a copy of this query that starts after the page this cursor ends}
     *
     * @param value the {@link dev.steward.Page#nextCursor() next cursor} of the previous page
     */
    public GrantQuery after(String value) {
        return new GrantQuery(grantee, status, delegatedBy, Optional.of(value), limit);
    }

    /**
     * {@return a copy of this query with this page size}
     *
     * @param value the page size, 1 to 1000
     * @throws ValidationException if the page size is out of range
     */
    public GrantQuery limit(int value) {
        return new GrantQuery(grantee, status, delegatedBy, cursor, value);
    }

    /**
     * @param grant a grant
     * @return whether it passes every filter of this query (the cursor and limit aside)
     */
    public boolean matches(Grant grant) {
        return grantee.map(g -> g.equals(grant.grantee())).orElse(true)
                && status.map(s -> s == grant.status()).orElse(true)
                && delegatedBy.map(d -> grant.delegatedBy().filter(d::equals).isPresent()).orElse(true);
    }
}
