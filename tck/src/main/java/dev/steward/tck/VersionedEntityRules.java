package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.ValidationException;
import dev.steward.spi.EntityCodec;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreTransaction;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules every versioned entity type follows, whatever the type: the kit runs this group once
 * per {@link EntityType}, each by a one-line {@code @Nested} class. A store that honours them for
 * one type through its generic table honours them for all.
 *
 * @param <E> the entity
 */
abstract class VersionedEntityRules<E> extends StoreKitGroup {
    private final EntityFixture<E> fixture;
    private final EntityType<E> type;

    VersionedEntityRules(EntityFixture<E> fixture) {
        this.fixture = fixture;
        this.type = fixture.type();
    }

    private EntityTable<E> table(StoreTransaction tx) {
        return tx.table(type);
    }

    private E sample(String stem) {
        return fixture.sample().apply(stem);
    }

    private E full(String stem) {
        return fixture.full().apply(stem);
    }

    private E next(E e, String reason) {
        return fixture.next().apply(e, reason);
    }

    private Optional<E> find(E e) {
        return fetch(tx -> table(tx).find(type.id(e)));
    }

    @Test
    @DisplayName("an inserted entity is found again, equal in every field, within its unit and after commit: optional "
            + "fields empty or present")
    void insertAndFind() {
        E plain = sample("a");
        E rich = full("b");
        write(tx -> {
            table(tx).insert(plain);
            table(tx).insert(rich);
            assertThat(table(tx).find(type.id(rich))).as("within the unit").contains(rich);
        });
        assertThat(find(plain)).contains(plain);
        assertThat(find(rich)).contains(rich);
    }

    @Test
    @DisplayName("the stored form round-trips: decode(encode(e)) equals e, usage telemetry aside")
    void codecRoundTrip() {
        EntityCodec<E> codec = type.codec();
        for (E e : java.util.List.of(sample("a"), full("b"))) {
            E withoutUsage = type.usage().map(u -> u.with(e, Optional.empty(), 0)).orElse(e);
            assertThat(codec.decode(codec.encode(e))).as(type + " " + codec.encode(e)).isEqualTo(withoutUsage);
        }
    }

    @Test
    @DisplayName("finding an unknown id gives empty")
    void findUnknown() {
        write(tx -> table(tx).insert(sample("a")));
        assertThat(find(sample("z"))).isEmpty();
    }

    @Test
    @DisplayName("ids are case-sensitive: ids that differ only in case are two entities")
    void idsAreCaseSensitive() {
        E lower = sample("a");
        E upper = sample("A");
        write(tx -> table(tx).insert(lower));
        write(tx -> table(tx).insert(upper));
        assertThat(find(lower)).contains(lower);
        assertThat(find(upper)).contains(upper);
    }

    @Test
    @DisplayName("an insert must be version 1: another version throws ValidationException and stores nothing")
    void insertMustBeVersionOne() {
        E v2 = next(sample("a"), "not new");
        assertThatThrownBy(() -> write(tx -> table(tx).insert(v2))).isInstanceOf(ValidationException.class);
        assertThat(find(v2)).isEmpty();
    }

    @Test
    @DisplayName("inserting an existing id, or one id twice in one unit, throws ConflictException and keeps the "
            + "stored entity")
    void insertExisting() {
        E stored = sample("a");
        write(tx -> table(tx).insert(stored));
        long changes = store().lastChangeSequence();
        assertThatThrownBy(() -> write(tx -> table(tx).insert(fixture.impostor().apply("a"))))
                .isInstanceOf(ConflictException.class);
        E twice = full("b");
        assertThatThrownBy(() -> write(tx -> {
            table(tx).insert(twice);
            table(tx).insert(twice);
        })).as("inserted twice in one unit").isInstanceOf(ConflictException.class);
        assertThat(find(stored)).contains(stored);
        assertThat(find(twice)).isEmpty();
        assertThat(store().lastChangeSequence()).as("changes").isEqualTo(changes);
    }

    @Test
    @DisplayName("an update whose version is the stored version plus one replaces the entity, also several in one "
            + "unit, and the unit reads its own writes")
    void update() {
        E v1 = full("a");
        write(tx -> table(tx).insert(v1));
        E v2 = next(v1, "second");
        write(tx -> table(tx).update(v2));
        assertThat(find(v1)).contains(v2);
        E v3 = next(v2, "third");
        E v4 = next(v3, "fourth");
        write(tx -> {
            table(tx).update(v3);
            assertThat(table(tx).find(type.id(v3))).as("within the unit").contains(v3);
            table(tx).update(v4);
        });
        assertThat(find(v1)).contains(v4);
    }

    @Test
    @DisplayName("an update with a stale or skipped version throws ConflictException and changes nothing, the change "
            + "sequence included")
    void staleUpdate() {
        E v1 = sample("a");
        write(tx -> table(tx).insert(v1));
        E v2 = next(v1, "v2");
        write(tx -> table(tx).update(v2));
        long changes = store().lastChangeSequence();
        E staleV2 = next(v1, "based on v1 again");
        assertThatThrownBy(() -> write(tx -> table(tx).update(staleV2))).as("version 2 again")
                .isInstanceOf(ConflictException.class);
        E skipped = next(next(v2, "v3"), "v4");
        assertThatThrownBy(() -> write(tx -> table(tx).update(skipped))).as("version 4 over version 2")
                .isInstanceOf(ConflictException.class);
        assertThat(find(v1)).contains(v2);
        assertThat(store().lastChangeSequence()).as("changes").isEqualTo(changes);
    }

    @Test
    @DisplayName("updating an unknown id throws NotFoundException, creates nothing and adds no change")
    void updateUnknown() {
        E ghost = next(sample("a"), "ghost");
        assertThatThrownBy(() -> write(tx -> table(tx).update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost)).isEmpty();
        assertThat(store().lastChangeSequence()).as("changes").isZero();
    }

    @Test
    @DisplayName("a unit that throws leaves nothing behind: its inserts and updates are undone, and no change is added")
    void rolledBackUnitLeavesNothing() {
        E kept = sample("a");
        write(tx -> table(tx).insert(kept));
        long changes = store().lastChangeSequence();
        E lost = full("b");
        assertThatThrownBy(() -> write(tx -> {
            table(tx).insert(lost);
            table(tx).update(next(kept, "undone"));
            throw new IllegalStateException("work fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(find(kept)).contains(kept);
        assertThat(find(lost)).isEmpty();
        assertThat(store().lastChangeSequence()).as("changes").isEqualTo(changes);
    }
}
