package dev.steward.spi;

import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.store.Codecs;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A kind of versioned entity a {@link GovernanceStore} keeps, and all a store needs to know to
 * keep it: its id and version, the indexed fields that queries filter on, whether its changes
 * enter the change sequence, whether it carries usage telemetry, and its stored form. A store
 * implements one {@link EntityTable} for all types, not one set of methods per type.
 *
 * @param <E> the entity
 */
public final class EntityType<E> {
    /** Identities; in the change sequence. */
    public static final EntityType<Identity> IDENTITY = new EntityType<>("identity", Identity.class,
            i -> i.id().value(), Identity::version, List.of(
                    EntityField.text("kind", i -> i.kind().name()),
                    EntityField.text("status", i -> i.status().name()),
                    EntityField.optionalText("owner_id", i -> i.owner().map(IdentityId::value)),
                    EntityField.text("environment", Identity::environment),
                    EntityField.bool("orphaned", Identity::isOrphaned),
                    EntityField.optionalInstant("expires_at", Identity::expiresAt)),
            StoreChange.Kind.IDENTITY, null, Codecs.IDENTITY);

    /** Grants; in the change sequence, with usage telemetry. */
    public static final EntityType<Grant> GRANT = new EntityType<>("grant", Grant.class, g -> g.id().value(),
            Grant::version, List.of(
                    EntityField.text("grantee_id", g -> g.grantee().value()),
                    EntityField.text("status", g -> g.status().name()),
                    EntityField.optionalText("delegated_by", g -> g.delegatedBy().map(IdentityId::value))),
            StoreChange.Kind.GRANT, new EntityUsage<>(Grant::lastUsedAt, Grant::useCount, Codecs::withUsage),
            Codecs.GRANT);

    /**
     * Credentials; in the change sequence, with usage telemetry. Its {@code predecessor_id} is
     * unique: a credential has at most one successor.
     */
    public static final EntityType<Credential> CREDENTIAL = new EntityType<>("credential", Credential.class,
            c -> c.id().value(), Credential::version, List.of(
                    EntityField.text("identity_id", c -> c.identity().value()),
                    EntityField.text("type", c -> c.type().name()),
                    EntityField.text("status", c -> c.status().name()),
                    EntityField.instant("issued_at", Credential::issuedAt),
                    EntityField.uniqueOptionalText("predecessor_id", c -> c.predecessor().map(CredentialId::value))),
            StoreChange.Kind.CREDENTIAL,
            new EntityUsage<>(Credential::lastUsedAt, Credential::useCount, Codecs::withUsage), Codecs.CREDENTIAL);

    /** Review cycles; not in the change sequence (no instance caches them). */
    public static final EntityType<ReviewCycle> REVIEW_CYCLE = new EntityType<>("review-cycle", ReviewCycle.class,
            c -> c.id().value(), ReviewCycle::version, List.of(
                    EntityField.text("origin", c -> c.origin().name()),
                    EntityField.text("status", c -> c.status().name())),
            null, null, Codecs.REVIEW_CYCLE);

    /**
     * Review items; not in the change sequence (a cycle's items would flood it). A cycle opens
     * with all its items at once, as one {@link EntityTable#insertAll} batch.
     */
    public static final EntityType<ReviewItem> REVIEW_ITEM = new EntityType<>("review-item", ReviewItem.class,
            i -> i.id().value(), ReviewItem::version, List.of(
                    EntityField.text("cycle_id", i -> i.cycle().value()),
                    EntityField.optionalText("reviewer_id", i -> i.reviewer().map(IdentityId::value)),
                    EntityField.text("status", i -> i.status().name())),
            null, null, Codecs.REVIEW_ITEM);

    private static final List<EntityType<?>> ALL = List.of(IDENTITY, GRANT, CREDENTIAL, REVIEW_CYCLE, REVIEW_ITEM);

    private final String name;
    private final Class<E> javaType;
    private final Function<E, String> id;
    private final ToLongFunction<E> version;
    private final List<EntityField<E>> fields;
    private final StoreChange.Kind changeKind;
    private final EntityUsage<E> usage;
    private final EntityCodec<E> codec;

    private EntityType(String name, Class<E> javaType, Function<E, String> id, ToLongFunction<E> version,
            List<EntityField<E>> indexed, StoreChange.Kind changeKind, EntityUsage<E> usage, EntityCodec<E> codec) {
        this.name = name;
        this.javaType = javaType;
        this.id = id;
        this.version = version;
        List<EntityField<E>> all = new ArrayList<>(indexed);
        if (usage != null) {
            all.add(usage.lastUsedAtField());
            all.add(usage.useCountField());
        }
        this.fields = List.copyOf(all);
        this.changeKind = changeKind;
        this.usage = usage;
        this.codec = codec;
    }

    /** {@return every entity type, in the order a store writes them} */
    public static List<EntityType<?>> all() {
        return ALL;
    }

    /** {@return the type's name for messages and audit targets, e.g. {@code identity}, {@code review-item}} */
    public String name() {
        return name;
    }

    /** {@return the entity's Java type} */
    public Class<E> javaType() {
        return javaType;
    }

    /**
     * {@return an entity's id}
     *
     * @param entity the entity
     */
    public String id(E entity) {
        return id.apply(entity);
    }

    /**
     * {@return an entity's version: 1 when new, one more with each update}
     *
     * @param entity the entity
     */
    public long version(E entity) {
        return version.applyAsLong(entity);
    }

    /** {@return the indexed fields, the usage fields last if the type has usage} */
    public List<EntityField<E>> fields() {
        return fields;
    }

    /**
     * {@return the indexed field of that name}
     *
     * @param fieldName the field's name, e.g. {@code owner_id}
     * @throws IllegalArgumentException if the type has no such field
     */
    public EntityField<E> field(String fieldName) {
        for (EntityField<E> f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        throw new IllegalArgumentException(name + " has no field " + fieldName);
    }

    /** {@return the kind its changes have in the change sequence; empty if they are not in it} */
    public Optional<StoreChange.Kind> changeKind() {
        return Optional.ofNullable(changeKind);
    }

    /** {@return its usage telemetry; empty if it has none} */
    public Optional<EntityUsage<E>> usage() {
        return Optional.ofNullable(usage);
    }

    /** {@return its stored form} */
    public EntityCodec<E> codec() {
        return codec;
    }

    /**
     * {@return the entity as this type, checked}
     *
     * @param entity an entity of this type
     * @throws ClassCastException if it is not one
     */
    public E cast(Object entity) {
        return javaType.cast(Objects.requireNonNull(entity, "entity"));
    }

    @Override
    public String toString() {
        return name;
    }
}
