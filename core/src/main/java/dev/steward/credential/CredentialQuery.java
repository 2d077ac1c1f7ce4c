package dev.steward.credential;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over credentials with cursor pagination; results are ordered by id.
 *
 * @param identity only credentials of this identity
 * @param type only credentials of this type
 * @param status only credentials in this state
 * @param issuedBefore only credentials issued before this instant
 * @param unusedSince only credentials not used since this instant (never-used ones count from issue)
 * @param cursor where the previous page ended
 * @param limit the page size, 1 to 1000
 */
@CheckReturnValue
public record CredentialQuery(
        Optional<IdentityId> identity,
        Optional<CredentialType> type,
        Optional<CredentialStatus> status,
        Optional<Instant> issuedBefore,
        Optional<Instant> unusedSince,
        Optional<String> cursor,
        int limit) {

    /**
     * Checks the page size and that nothing is null.
     *
     * @param identity only credentials of this identity
     * @param type only credentials of this type
     * @param status only credentials in this state
     * @param issuedBefore only credentials issued before this instant
     * @param unusedSince only credentials not used since this instant (never-used ones count from issue)
     * @param cursor where the previous page ended
     * @param limit the page size, 1 to 1000
     */
    public CredentialQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        Objects.requireNonNull(unusedSince, "unusedSince");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
    }

    /** @return a query matching every credential, 100 per page */
    public static CredentialQuery all() {
        return new CredentialQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100);
    }

    /**
     * {@return a copy of this query that keeps only credentials this identity holds,
     * in place of any holder given before}
     *
     * @param value the holder's id
     */
    public CredentialQuery identity(IdentityId value) {
        return new CredentialQuery(Optional.of(value), type, status, issuedBefore, unusedSince, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only credentials of this type, in place of any type given before}
     *
     * @param value the type to keep
     */
    public CredentialQuery type(CredentialType value) {
        return new CredentialQuery(identity, Optional.of(value), status, issuedBefore, unusedSince, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only credentials in this state, in place of any status given before}
     *
     * @param value the status to keep
     */
    public CredentialQuery status(CredentialStatus value) {
        return new CredentialQuery(identity, type, Optional.of(value), issuedBefore, unusedSince, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only credentials issued before this instant}
     *
     * @param value the instant
     */
    public CredentialQuery issuedBefore(Instant value) {
        return new CredentialQuery(identity, type, status, Optional.of(value), unusedSince, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only credentials not used since this instant,
     * never-used ones counted from issue}
     *
     * @param value the instant
     */
    public CredentialQuery unusedSince(Instant value) {
        return new CredentialQuery(identity, type, status, issuedBefore, Optional.of(value), cursor, limit);
    }

    /**
     * {@return a copy of this query that starts after the page this cursor ends}
     *
     * @param value the {@link dev.steward.Page#nextCursor() next cursor} of the previous page
     */
    public CredentialQuery after(String value) {
        return new CredentialQuery(identity, type, status, issuedBefore, unusedSince, Optional.of(value), limit);
    }

    /**
     * {@return a copy of this query with this page size}
     *
     * @param value the page size, 1 to 1000
     * @throws ValidationException if the page size is out of range
     */
    public CredentialQuery limit(int value) {
        return new CredentialQuery(identity, type, status, issuedBefore, unusedSince, cursor, value);
    }

    /**
     * @param c a credential
     * @return whether it passes every filter of this query (the cursor and limit aside)
     */
    public boolean matches(Credential c) {
        return identity.map(i -> i.equals(c.identity())).orElse(true)
                && type.map(t -> t == c.type()).orElse(true)
                && status.map(s -> s == c.status()).orElse(true)
                && issuedBefore.map(t -> c.issuedAt().isBefore(t)).orElse(true)
                && unusedSince.map(t -> c.lastUsedAt().orElse(c.issuedAt()).isBefore(t)).orElse(true);
    }
}
