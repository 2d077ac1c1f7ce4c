package dev.steward.spi;

import dev.steward.ValidationException;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of one entity type's entities that meet every criterion, in id order, after the cursor.
 * The public query values ({@link IdentityQuery} and the others) become entity queries here, in
 * one place, so that every store filters as the public query says.
 *
 * @param type the entity type
 * @param criteria conditions every entity of the page meets
 * @param cursor the id after which the page starts; empty for the first page
 * @param limit the most entities in the page, at least 1
 * @param <E> the entity
 */
public record EntityQuery<E>(EntityType<E> type, List<Criterion<E>> criteria, Optional<String> cursor, int limit) {
    /**
     * Checks that nothing is null and the limit is positive.
     *
     * @param type the entity type
     * @param criteria conditions every entity of the page meets
     * @param cursor the id after which the page starts; empty for the first page
     * @param limit the most entities in the page, at least 1
     * @throws ValidationException if the limit is below 1
     */
    public EntityQuery {
        Objects.requireNonNull(type, "type");
        criteria = List.copyOf(criteria);
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1) {
            throw new ValidationException("query.limit", "must be at least 1");
        }
    }

    /**
     * {@return whether an entity meets every criterion (the cursor and limit aside)}
     *
     * @param entity the entity
     */
    public boolean matches(E entity) {
        for (Criterion<E> c : criteria) {
            if (!c.matches(entity)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the criterion on that field with {@code EQUALS}, if any}
     *
     * @param field the field
     */
    public Optional<Object> equalsValue(EntityField<E> field) {
        return criteria.stream().filter(c -> c.field() == field && c.op() == Criterion.Op.EQUALS).findFirst()
                .map(Criterion::value);
    }

    /**
     * {@return the entity query of an identity query}
     *
     * @param q the identity query
     */
    public static EntityQuery<Identity> of(IdentityQuery q) {
        Builder<Identity> b = new Builder<>(EntityType.IDENTITY);
        q.kind().ifPresent(v -> b.eq("kind", v.name()));
        q.status().ifPresent(v -> b.eq("status", v.name()));
        q.owner().ifPresent(v -> b.eq("owner_id", v.value()));
        q.environment().ifPresent(v -> b.eq("environment", v));
        q.orphaned().ifPresent(v -> b.eq("orphaned", v));
        q.expiringBefore().ifPresent(v -> b.add("expires_at", Criterion.Op.BEFORE, v));
        return b.build(q.cursor(), q.limit());
    }

    /**
     * {@return the entity query of a grant query}
     *
     * @param q the grant query
     */
    public static EntityQuery<Grant> of(GrantQuery q) {
        Builder<Grant> b = new Builder<>(EntityType.GRANT);
        q.grantee().ifPresent(v -> b.eq("grantee_id", v.value()));
        q.status().ifPresent(v -> b.eq("status", v.name()));
        q.delegatedBy().ifPresent(v -> b.eq("delegated_by", v.value()));
        return b.build(q.cursor(), q.limit());
    }

    /**
     * The entity query of a credential query. Unused since {@code t} is "no use at or after
     * {@code t}, and issued before {@code t}": a use never precedes the issue, so this is the last
     * use, or the issue if never used, before {@code t}.
     *
     * @param q the credential query
     * @return its entity query
     */
    public static EntityQuery<Credential> of(CredentialQuery q) {
        Builder<Credential> b = new Builder<>(EntityType.CREDENTIAL);
        q.identity().ifPresent(v -> b.eq("identity_id", v.value()));
        q.type().ifPresent(v -> b.eq("type", v.name()));
        q.status().ifPresent(v -> b.eq("status", v.name()));
        q.issuedBefore().ifPresent(v -> b.add("issued_at", Criterion.Op.BEFORE, v));
        q.unusedSince().ifPresent(v -> {
            b.add("last_used_at", Criterion.Op.BEFORE_OR_ABSENT, v);
            b.add("issued_at", Criterion.Op.BEFORE, v);
        });
        return b.build(q.cursor(), q.limit());
    }

    /**
     * {@return the entity query of a review cycle query}
     *
     * @param q the review cycle query
     */
    public static EntityQuery<ReviewCycle> of(ReviewCycleQuery q) {
        Builder<ReviewCycle> b = new Builder<>(EntityType.REVIEW_CYCLE);
        q.origin().ifPresent(v -> b.eq("origin", v.name()));
        q.status().ifPresent(v -> b.eq("status", v.name()));
        return b.build(q.cursor(), q.limit());
    }

    /**
     * {@return the entity query of a review item query}
     *
     * @param q the review item query
     */
    public static EntityQuery<ReviewItem> of(ReviewItemQuery q) {
        Builder<ReviewItem> b = new Builder<>(EntityType.REVIEW_ITEM);
        q.cycle().map(ReviewCycleId::value).ifPresent(v -> b.eq("cycle_id", v));
        q.reviewer().map(IdentityId::value).ifPresent(v -> b.eq("reviewer_id", v));
        q.status().ifPresent(v -> b.eq("status", v.name()));
        return b.build(q.cursor(), q.limit());
    }

    private static final class Builder<E> {
        private final EntityType<E> type;
        private final List<Criterion<E>> criteria = new ArrayList<>();

        Builder(EntityType<E> type) {
            this.type = type;
        }

        void eq(String field, Object value) {
            criteria.add(new Criterion<>(type.field(field), Criterion.Op.EQUALS, value));
        }

        void add(String field, Criterion.Op op, Instant value) {
            criteria.add(new Criterion<>(type.field(field), op, value));
        }

        EntityQuery<E> build(Optional<String> cursor, int limit) {
            return new EntityQuery<>(type, criteria, cursor, limit);
        }
    }
}
