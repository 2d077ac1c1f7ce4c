package dev.steward.tck;

import static dev.steward.tck.KitSupport.assertIncreasing;
import static dev.steward.tck.KitSupport.assertSameFields;
import static dev.steward.tck.KitSupport.collectPages;
import static dev.steward.tck.KitSupport.kindAndId;
import static dev.steward.tck.KitSupport.sortedCredentials;
import static dev.steward.tck.Samples.T0;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.credentialId;
import static dev.steward.tck.Samples.next;
import static dev.steward.tck.Samples.withUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.identity.IdentityId;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.tck.KitSupport.KitFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rules of the kit's "credentials" group. Credentials are stored like identities and grants
 * (exact round trip, conflicts, versioned updates, queries, change sequence, rollback), except for
 * their usage, {@code lastUsedAt} and {@code useCount}: that is telemetry, written only by
 * {@link dev.steward.spi.EntityTable#recordUsage}.
 *
 * <p>What the SPI leaves to the store, and the kit requires:
 * <ul>
 *   <li>An insert keeps the usage it is given; an update ignores the usage of its snapshot and keeps
 *       the stored usage. Write an update without touching the usage columns (not by reading them
 *       and writing them back), or usage recorded by another unit in between is lost.</li>
 *   <li>{@code recordCredentialUsage} changes the stored usage in place, e.g.
 *       {@code use_count = use_count + ?} and {@code last_used_at = GREATEST(last_used_at, ?)}
 *       (never-used credentials have no {@code last_used_at}). It changes no version and no other
 *       field, adds nothing to the change sequence and no audit event, and ignores an unknown id
 *       (an update that matched no row). Like any write it commits or rolls back with its unit and
 *       is seen by that unit's own reads.</li>
 *   <li>Queries filter on the usage as stored: {@code unusedSince(t)} keeps credentials last used
 *       strictly before {@code t}, and never-used ones issued strictly before it.</li>
 *   <li>Usage recorded in the same unit as an insert or update of that credential does not take
 *       away that write's entry in the change sequence.</li>
 * </ul>
 * Credentials reference their holder and predecessor by id only; the kit writes them without the
 * identities they name, so a store must not enforce those references. It must enforce one thing
 * about them: a credential has at most one successor (no two credentials name the same
 * predecessor), so two concurrent rotations of one credential cannot both succeed whatever the code
 * above the store does; a database does this with a unique index.
 */
abstract class CredentialRules extends StoreKitGroup {
    private final IdentityId alice = IdentityId.of("alice");
    private final IdentityId bob = IdentityId.of("Bob");
    private final IdentityId agent = IdentityId.of("agent-1");
    /** Never used, every optional field empty. */
    private final Credential key = Samples.apiKey("keyA", alice);
    /** Used before, every optional field present. */
    private final Credential full = Samples.fullCredential("Zfull", alice, key.id());
    private final Instant day1 = at(Duration.ofDays(1));
    private final Instant day2 = at(Duration.ofDays(2));

    // ---------------------------------------------------------------------------------------------
    // Storing

    @Test
    @DisplayName("an inserted credential is found again equal field by field, within its unit and after commit: optional fields empty or present, instants to the nanosecond, non-ASCII text")
    void credentialInsertAndFind() {
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(key);
            tx.table(EntityType.CREDENTIAL).insert(full);
            assertStored(tx, key, "within its unit");
            assertStored(tx, full, "within its unit");
        });
        read(tx -> {
            assertStored(tx, key, "after commit");
            assertStored(tx, full, "after commit");
        });
    }

    @Test
    @DisplayName("a credential has at most one successor: inserting a second credential with the same predecessor throws ConflictException, in one unit or across units, and keeps the first")
    void credentialHasOneSuccessor() {
        Credential rival = Samples.fullCredential("Zrival", alice, key.id());
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(key);
            tx.table(EntityType.CREDENTIAL).insert(full);
        });
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.CREDENTIAL).insert(rival))).as("across units")
                .isInstanceOf(ConflictException.class);
        Credential first = Samples.fullCredential("Zfirst", alice, credentialId("keyB"));
        Credential second = Samples.fullCredential("Zsecond", alice, credentialId("keyB"));
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(first);
            tx.table(EntityType.CREDENTIAL).insert(second);
        })).as("in one unit").isInstanceOf(ConflictException.class);
        read(tx -> {
            assertStored(tx, full, "the first successor");
            assertThat(tx.table(EntityType.CREDENTIAL).find(rival.id().value())).isEmpty();
            assertThat(tx.table(EntityType.CREDENTIAL).find(first.id().value())).as("rolled back with its unit")
                    .isEmpty();
        });
    }

    @Test
    @DisplayName("finding an unknown id gives empty")
    void credentialFindUnknown() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        read(tx -> assertThat(tx.table(EntityType.CREDENTIAL).find(credentialId("nobody").value())).isEmpty());
    }

    @Test
    @DisplayName("ids are case-sensitive: ids that differ only in case are two credentials")
    void credentialIdsAreCaseSensitive() {
        Credential upper = Samples.apiKey("KEYA", bob);
        Credential mixed = Samples.apiKey("KeyA", agent);
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(upper));
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(mixed));
        read(tx -> {
            assertStored(tx, key, "");
            assertStored(tx, upper, "");
            assertStored(tx, mixed, "");
        });
    }

    @Test
    @DisplayName("inserting an existing id throws ConflictException and keeps the stored credential")
    void credentialInsertExisting() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        Credential impostor = Samples.credential("keyA", bob, CredentialType.PUBLIC_KEY, CredentialStatus.REVOKED,
                day1, null, 0);
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.CREDENTIAL).insert(impostor)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(full);
            tx.table(EntityType.CREDENTIAL).insert(full);
        })).as("inserted twice in one unit").isInstanceOf(ConflictException.class);
        read(tx -> {
            assertStored(tx, key, "after the conflicting inserts");
            assertThat(tx.table(EntityType.CREDENTIAL).find(full.id().value())).as("the credential inserted twice")
                    .isEmpty();
        });
    }

    @Test
    @DisplayName("an update whose version is the stored version plus one replaces the credential, also several in one unit")
    void credentialUpdate() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        Credential v2 = key.withStatus(CredentialStatus.REVOKED, "leaked — für Zoë 𝄞", at(Duration.ofHours(1)));
        write(tx -> tx.table(EntityType.CREDENTIAL).update(v2));
        read(tx -> assertStored(tx, v2, "after one update"));
        Credential v3 = next(v2, "third");
        Credential v4 = next(v3, "fourth");
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).update(v3);
            tx.table(EntityType.CREDENTIAL).update(v4);
            assertStored(tx, v4, "within the unit that updated it twice");
        });
        read(tx -> assertStored(tx, v4, "after two updates in one unit"));
    }

    @Test
    @DisplayName("an update with a stale or skipped version throws ConflictException and changes nothing, the change sequence included")
    void credentialStaleUpdate() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        Credential v2 = next(key, "v2");
        write(tx -> tx.table(EntityType.CREDENTIAL).update(v2));
        StoreSnapshot before = StoreSnapshot.of(store());
        Credential staleV2 = next(key, "based on v1 again");
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.CREDENTIAL).update(staleV2))).as("version 2 again")
                .isInstanceOf(ConflictException.class);
        Credential skipped = next(next(v2, "v3"), "v4");
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.CREDENTIAL).update(skipped)))
                .as("version 4 over version 2")
                .isInstanceOf(ConflictException.class);
        assertThat(StoreSnapshot.of(store())).isEqualTo(before);
        read(tx -> assertStored(tx, v2, "after the stale updates"));
    }

    @Test
    @DisplayName("updating an unknown id throws NotFoundException, creates nothing and adds no change")
    void credentialUpdateUnknown() {
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.CREDENTIAL).update(next(key, "ghost"))))
                .isInstanceOf(NotFoundException.class);
        read(tx -> assertThat(tx.table(EntityType.CREDENTIAL).find(key.id().value())).isEmpty());
        assertThat(store().lastChangeSequence()).isZero();
    }

    @Test
    @DisplayName("an update keeps the stored usage: lastUsedAt and useCount of its snapshot are ignored")
    void credentialUpdateKeepsUsage() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(full));
        Instant usedAt = full.lastUsedAt().orElseThrow();
        Credential cleared = withUsage(next(full, "snapshot without usage"), null, 0);
        write(tx -> tx.table(EntityType.CREDENTIAL).update(cleared));
        read(tx -> assertStored(tx, withUsage(cleared, usedAt, 42), "after an update whose snapshot has no usage"));
        Credential inflated = withUsage(next(cleared, "snapshot with more usage"), at(Duration.ofDays(90)), 1000);
        write(tx -> tx.table(EntityType.CREDENTIAL).update(inflated));
        read(tx -> assertStored(tx, withUsage(inflated, usedAt, 42), "after an update whose snapshot has more usage"));
        Instant later = at(Duration.ofHours(1));
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(full.id().value(), later, 3));
        Credential stale = next(inflated, "snapshot read before the usage was recorded");
        write(tx -> tx.table(EntityType.CREDENTIAL).update(stale));
        read(tx -> assertStored(tx, withUsage(stale, later, 45), "after an update over recorded usage"));
    }

    // ---------------------------------------------------------------------------------------------
    // Usage

    @Test
    @DisplayName("recordCredentialUsage adds uses to the count and moves lastUsedAt forward only, to the nanosecond")
    void usageAddsAndMovesForward() {
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(key);
            tx.table(EntityType.CREDENTIAL).insert(full);
        });
        Instant t = at(Duration.ofHours(5));
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t, 2));
        read(tx -> assertStored(tx, withUsage(key, t, 2), "after its first use"));
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t.minusNanos(1), 3));
        read(tx -> assertStored(tx, withUsage(key, t, 5), "after usage 1 ns earlier than the last"));
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t.plusNanos(1), 1);
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t, 4);
        });
        read(tx -> assertStored(tx, withUsage(key, t.plusNanos(1), 10), "after two records in one unit"));
        Instant beforeLastUse = full.lastUsedAt().orElseThrow().minusSeconds(60);
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(full.id().value(), beforeLastUse, 1));
        read(tx -> assertStored(tx, withUsage(full, full.lastUsedAt().orElseThrow(), 43),
                "after usage earlier than the usage it was inserted with"));
    }

    @Test
    @DisplayName("recordCredentialUsage changes no version and no other field, adds nothing to the change sequence, and an update based on the same version still succeeds")
    void usageIsNotAChange() {
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(key);
            tx.table(EntityType.CREDENTIAL).insert(full);
        });
        long last = store().lastChangeSequence();
        Instant t = at(Duration.ofHours(2));
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t.minusSeconds(1), 1));
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t, 1);
            tx.table(EntityType.CREDENTIAL).recordUsage(full.id().value(), t, 1);
        });
        read(tx -> {
            assertStored(tx, withUsage(key, t, 2), "after usage");
            assertStored(tx, withUsage(full, t, 43), "after usage");
        });
        assertThat(store().lastChangeSequence()).as("lastChangeSequence() after usage-only units").isEqualTo(last);
        assertThat(store().changesSince(last, 100)).as("changes of usage-only units").isEmpty();
        Credential v2 = next(key, "based on the version before the usage");
        write(tx -> tx.table(EntityType.CREDENTIAL).update(v2));
        read(tx -> assertStored(tx, withUsage(v2, t, 2), "after an update based on version 1"));
    }

    @Test
    @DisplayName("recordCredentialUsage of an unknown id is ignored: no exception, nothing created, the rest of its unit commits")
    void usageOfUnknownIdIgnored() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        StoreSnapshot before = StoreSnapshot.of(store());
        CredentialId unknown = credentialId("nobody");
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(unknown.value(), at(Duration.ofHours(1)), 1));
        assertThat(StoreSnapshot.of(store())).as("the store after usage of an unknown id").isEqualTo(before);
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(unknown.value(), at(Duration.ofHours(1)), 1);
            tx.table(EntityType.CREDENTIAL).insert(full);
            tx.table(EntityType.CREDENTIAL).recordUsage(credentialId("KEYA").value(), at(Duration.ofHours(1)), 1);
        });
        read(tx -> {
            assertThat(tx.table(EntityType.CREDENTIAL).find(unknown.value())).isEmpty();
            assertThat(tx.table(EntityType.CREDENTIAL).find(credentialId("KEYA").value()))
                    .as("an id that differs only in case").isEmpty();
            assertStored(tx, key, "after usage of an id that differs only in case");
            assertStored(tx, full, "inserted in the unit that recorded usage of unknown ids");
        });
    }

    @Test
    @DisplayName("usage is rolled back with its unit of work, and seen by that unit's own reads before")
    void usageRolledBack() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        KitFailure failure = new KitFailure();
        Instant t = at(Duration.ofHours(1));
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t, 5);
            assertStored(tx, withUsage(key, t, 5), "within the unit that recorded usage");
            throw failure;
        })).isSameAs(failure);
        read(tx -> assertStored(tx, key, "after the unit that recorded usage rolled back"));
    }

    @Test
    @DisplayName("usage recorded in the same unit as an insert or update, before or after it, hides neither the write nor its change")
    void usageWithWriteInOneUnit() {
        Instant t = at(Duration.ofHours(1));
        long start = store().lastChangeSequence();
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(key);
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t, 2);
        });
        read(tx -> assertStored(tx, withUsage(key, t, 2), "after insert, then usage"));
        assertChangesOfKey(start, "insert, then usage");

        long afterInsert = store().lastChangeSequence();
        Credential v2 = next(key, "updated, then used");
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).update(v2);
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t.plusNanos(1), 1);
        });
        read(tx -> assertStored(tx, withUsage(v2, t.plusNanos(1), 3), "after update, then usage"));
        assertChangesOfKey(afterInsert, "update, then usage");

        long afterUpdate = store().lastChangeSequence();
        Credential v3 = next(v2, "used, then updated");
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), t.plusNanos(2), 1);
            tx.table(EntityType.CREDENTIAL).update(v3);
            assertStored(tx, withUsage(v3, t.plusNanos(2), 4), "within the unit, after usage, then update");
        });
        read(tx -> assertStored(tx, withUsage(v3, t.plusNanos(2), 4), "after usage, then update"));
        assertChangesOfKey(afterUpdate, "usage, then update");
    }

    private void assertChangesOfKey(long after, String unit) {
        assertThat(store().changesSince(after, 100)).as("changes of the unit with %s", unit)
                .extracting(StoreChange::kind, StoreChange::id).isNotEmpty()
                .containsOnly(kindAndId(StoreChange.Kind.CREDENTIAL, key.id().value()));
    }

    // ---------------------------------------------------------------------------------------------
    // Change sequence and rollback

    @Test
    @DisplayName("each committed insert and update of a credential adds a change of kind CREDENTIAL with its id, in order")
    void credentialChanges() {
        Credential v2 = next(key, "v2");
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(full));
        write(tx -> tx.table(EntityType.CREDENTIAL).update(v2));
        write(tx -> tx.table(EntityType.CREDENTIAL).update(next(full, "v2")));
        write(tx -> tx.table(EntityType.CREDENTIAL).update(next(v2, "v3")));
        List<StoreChange> changes = store().changesSince(0, 100);
        assertThat(changes).extracting(StoreChange::kind, StoreChange::id).containsExactly(
                kindAndId(StoreChange.Kind.CREDENTIAL, key.id().value()),
                kindAndId(StoreChange.Kind.CREDENTIAL, full.id().value()),
                kindAndId(StoreChange.Kind.CREDENTIAL, key.id().value()),
                kindAndId(StoreChange.Kind.CREDENTIAL, full.id().value()),
                kindAndId(StoreChange.Kind.CREDENTIAL, key.id().value()));
        assertIncreasing(changes);
        assertThat(store().lastChangeSequence()).isEqualTo(changes.get(changes.size() - 1).sequence());
    }

    @Test
    @DisplayName("a unit that throws leaves no credential behind: its inserts, updates and usage are undone, and no change is added")
    void credentialRollback() {
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        StoreSnapshot before = StoreSnapshot.of(store());
        KitFailure failure = new KitFailure();
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(full);
            tx.table(EntityType.CREDENTIAL).update(next(key, "changed"));
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), at(Duration.ofHours(1)), 7);
            tx.table(EntityType.CREDENTIAL).recordUsage(full.id().value(), at(Duration.ofHours(1)), 7);
            throw failure;
        })).isSameAs(failure);
        assertThat(StoreSnapshot.of(store())).isEqualTo(before);
        read(tx -> {
            assertThat(tx.table(EntityType.CREDENTIAL).find(full.id().value())).as("a credential inserted by the unit")
                    .isEmpty();
            assertStored(tx, key, "after the unit that updated it rolled back");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Queries

    /**
     * Credentials to query, with ids that differ only in case (so their binary order differs from
     * most collations) and instants a nanosecond either side of {@code day1}.
     */
    private List<Credential> populate() {
        List<Credential> all = List.of(
                Samples.credential("keyA", alice, CredentialType.API_KEY, CredentialStatus.ACTIVE, T0, null, 0),
                Samples.credential("KeyB", alice, CredentialType.CLIENT_SECRET, CredentialStatus.ACTIVE, day1, day2, 3),
                Samples.credential("key0", alice, CredentialType.STORED_SECRET, CredentialStatus.ROTATED, T0,
                        day1.minusNanos(1), 12),
                Samples.credential("0key", bob, CredentialType.PUBLIC_KEY, CredentialStatus.ACTIVE,
                        day1.minusNanos(1), null, 0),
                Samples.credential("Zkey", bob, CredentialType.API_KEY, CredentialStatus.REVOKED, day1, null, 0),
                Samples.credential("zkey", bob, CredentialType.API_KEY, CredentialStatus.EXPIRED, T0, day1, 1),
                Samples.credential("a1", agent, CredentialType.API_KEY, CredentialStatus.ACTIVE, day2,
                        day2.plusNanos(1), 7),
                Samples.credential("A1", agent, CredentialType.STORED_SECRET, CredentialStatus.ACTIVE, day1, day2, 2),
                Samples.credential("9key", agent, CredentialType.PUBLIC_KEY, CredentialStatus.REVOKED,
                        day1.plusNanos(1), null, 0),
                Samples.credential("b2", agent, CredentialType.CLIENT_SECRET, CredentialStatus.EXPIRED, T0,
                        at(Duration.ofDays(3)), 5));
        write(tx -> all.forEach(tx.table(EntityType.CREDENTIAL)::insert));
        return all;
    }

    private void expectCredentials(List<Credential> stored, CredentialQuery query, Predicate<Credential> expected) {
        assertThat(allCredentials(query)).as("credentials matching %s", query)
                .containsExactlyElementsOf(sortedCredentials(stored, expected));
    }

    private void expectIds(CredentialQuery query, String... stems) {
        assertThat(allCredentials(query)).extracting(Credential::id).as("credentials matching %s", query)
                .containsExactlyElementsOf(
                        Arrays.stream(stems).map(Samples::credentialId).collect(Collectors.toList()));
    }

    @Test
    @DisplayName("an unfiltered query returns every credential, ordered by id in binary order")
    void credentialsAll() {
        List<Credential> stored = populate();
        expectCredentials(stored, CredentialQuery.all(), c -> true);
        expectIds(CredentialQuery.all().status(CredentialStatus.ACTIVE), "0key", "A1", "KeyB", "a1", "keyA");
    }

    @Test
    @DisplayName("credentials by holder, compared exactly")
    void credentialsByHolder() {
        List<Credential> stored = populate();
        for (String holder : List.of("alice", "Bob", "agent-1", "ALICE", "carol")) {
            IdentityId id = IdentityId.of(holder);
            expectCredentials(stored, CredentialQuery.all().identity(id), c -> c.identity().equals(id));
        }
    }

    @Test
    @DisplayName("credentials by type")
    void credentialsByType() {
        List<Credential> stored = populate();
        for (CredentialType type : CredentialType.values()) {
            expectCredentials(stored, CredentialQuery.all().type(type), c -> c.type() == type);
        }
    }

    @Test
    @DisplayName("credentials by status")
    void credentialsByStatus() {
        List<Credential> stored = populate();
        for (CredentialStatus status : CredentialStatus.values()) {
            expectCredentials(stored, CredentialQuery.all().status(status), c -> c.status() == status);
        }
    }

    @Test
    @DisplayName("credentials issued strictly before an instant, to the nanosecond")
    void credentialsIssuedBefore() {
        List<Credential> stored = populate();
        expectIds(CredentialQuery.all().issuedBefore(day1), "0key", "b2", "key0", "keyA", "zkey");
        expectIds(CredentialQuery.all().issuedBefore(T0));
        for (Instant t : List.of(day1.plusNanos(1), day1.plusNanos(2), day2, at(Duration.ofDays(400)))) {
            expectCredentials(stored, CredentialQuery.all().issuedBefore(t), c -> c.issuedAt().isBefore(t));
        }
    }

    @Test
    @DisplayName("credentials unused since an instant: last used strictly before it, or never used and issued strictly before it")
    void credentialsUnusedSince() {
        List<Credential> stored = populate();
        // keyA and 0key were never used and issued before day1; key0 was last used 1 ns before it.
        // Zkey was issued exactly at day1 and never used, zkey last used exactly at day1: neither matches.
        expectIds(CredentialQuery.all().unusedSince(day1), "0key", "key0", "keyA");
        expectIds(CredentialQuery.all().unusedSince(T0));
        for (Instant t : List.of(day1.plusNanos(1), day2, day2.plusNanos(2), at(Duration.ofDays(400)))) {
            expectCredentials(stored, CredentialQuery.all().unusedSince(t),
                    c -> c.lastUsedAt().orElse(c.issuedAt()).isBefore(t));
        }
    }

    @Test
    @DisplayName("unusedSince follows recorded usage: a credential used since the instant no longer matches")
    void credentialsUnusedSinceFollowsUsage() {
        populate();
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).recordUsage(credentialId("keyA").value(), day1, 1);
            tx.table(EntityType.CREDENTIAL).recordUsage(credentialId("key0").value(), T0, 1);
        });
        expectIds(CredentialQuery.all().unusedSince(day1), "0key", "key0");
        expectIds(CredentialQuery.all().unusedSince(day1.plusNanos(1)), "0key", "Zkey", "key0", "keyA", "zkey");
    }

    @Test
    @DisplayName("credential filters combine with AND")
    void credentialFiltersCombine() {
        List<Credential> stored = populate();
        expectIds(CredentialQuery.all().identity(alice).type(CredentialType.STORED_SECRET)
                .status(CredentialStatus.ROTATED).issuedBefore(day1).unusedSince(day1), "key0");
        expectIds(CredentialQuery.all().identity(agent).status(CredentialStatus.ACTIVE).issuedBefore(day2), "A1");
        expectIds(CredentialQuery.all().identity(bob).type(CredentialType.CLIENT_SECRET));
        expectCredentials(stored, CredentialQuery.all().type(CredentialType.API_KEY).unusedSince(day2),
                c -> c.type() == CredentialType.API_KEY && c.lastUsedAt().orElse(c.issuedAt()).isBefore(day2));
    }

    @Test
    @DisplayName("credential pagination: every match exactly once, in id order, across pages of any size")
    void credentialPagination() {
        List<Credential> everyone = new ArrayList<>(populate());
        List<Credential> more = IntStream.range(0, 25)
                .mapToObj(n -> Samples.credential((n % 2 == 0 ? "P" : "p") + (n % 3 == 0 ? "x" : "X")
                        + String.format("%02d", n), alice, CredentialType.values()[n % 4], CredentialStatus.ACTIVE, T0,
                        null, 0))
                .collect(Collectors.toList());
        write(tx -> more.forEach(tx.table(EntityType.CREDENTIAL)::insert));
        everyone.addAll(more);
        for (int limit : new int[] {1, 2, 3, 7, 35, 36, 100}) {
            assertThat(allCredentials(CredentialQuery.all().limit(limit))).as("credentials, %d per page", limit)
                    .containsExactlyElementsOf(sortedCredentials(everyone, c -> true));
            CredentialQuery ofAlice = CredentialQuery.all().identity(alice).status(CredentialStatus.ACTIVE)
                    .limit(limit);
            assertThat(allCredentials(ofAlice)).as("alice's active credentials, %d per page", limit)
                    .containsExactlyElementsOf(sortedCredentials(everyone,
                            c -> c.identity().equals(alice) && c.status() == CredentialStatus.ACTIVE));
        }
    }

    @Test
    @DisplayName("credential limit: a page holds at most limit matches, exactly limit when more follow, and has a next cursor only then")
    void credentialLimit() {
        int total = populate().size();
        for (int limit = 1; limit <= total + 1; limit++) {
            int pageSize = limit;
            Page<Credential> first = fetch(tx -> tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(CredentialQuery
                    .all().limit(pageSize))));
            assertThat(first.items()).as("first page, limit %d", limit).hasSize(Math.min(limit, total));
            assertThat(first.hasNext()).as("next cursor of the first page, limit %d of %d", limit, total)
                    .isEqualTo(limit < total);
        }
        CredentialQuery nobodys = CredentialQuery.all().identity(IdentityId.of("carol"));
        Page<Credential> none = fetch(tx -> tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(nobodys)));
        assertThat(none.items()).isEmpty();
        assertThat(none.hasNext()).isFalse();
    }

    @Test
    @DisplayName("the credential cursor is a position, not an offset: inserts before it do not shift later pages")
    void credentialCursorIsAPosition() {
        List<Credential> sorted = sortedCredentials(populate(), c -> true);
        Page<Credential> first = fetch(tx -> tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(CredentialQuery.all()
                .limit(4))));
        assertThat(first.items()).containsExactlyElementsOf(sorted.subList(0, 4));
        Credential last = Samples.apiKey("zzzz", bob);
        write(tx -> {
            tx.table(EntityType.CREDENTIAL).insert(Samples.apiKey("00", bob));
            tx.table(EntityType.CREDENTIAL).insert(last);
        });
        List<Credential> rest = new ArrayList<>();
        Optional<String> cursor = first.nextCursor();
        while (cursor.isPresent()) {
            String c = cursor.get();
            Page<Credential> page = fetch(tx -> tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(CredentialQuery
                    .all().limit(4).after(c))));
            rest.addAll(page.items());
            cursor = page.nextCursor();
        }
        List<Credential> expected = new ArrayList<>(sorted.subList(4, sorted.size()));
        expected.add(last);
        assertThat(rest).containsExactlyElementsOf(expected);
    }

    // ---------------------------------------------------------------------------------------------

    /** Finds the credential and compares it with {@code expected} field by field. */
    private void assertStored(StoreTransaction tx, Credential expected, String when) {
        String what = ("credential " + expected.id() + " " + when).trim();
        Optional<Credential> found = tx.table(EntityType.CREDENTIAL).find(expected.id().value());
        assertThat(found).as(what).isPresent();
        assertSameFields(found.get(), expected, what);
    }

    private List<Credential> allCredentials(CredentialQuery query) {
        return collectPages(query.limit(), c -> fetch(tx ->
                tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(c.map(query::after).orElse(query)))));
    }
}
