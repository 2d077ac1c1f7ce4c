package dev.steward.tck;

import static dev.steward.tck.KitSupport.assertIncreasing;
import static dev.steward.tck.KitSupport.kindAndId;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.steward.credential.Credential;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import dev.steward.tck.KitSupport.KitFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the kit's "change sequence" group: every committed write of a cached entity gets its
 * place in the change sequence.
 */
abstract class ChangeSequenceRules extends StoreKitGroup {
    private final Identity alice = Samples.human("alice");
    private final Identity bob = Samples.human("Bob");
    private final Grant grant = Samples.grant("g-1", alice.id());
    private final Credential key = Samples.apiKey("keyA", alice.id());
    private final String keyId = key.id().value();

    @Test
    @DisplayName("each committed insert and update of an identity, grant or credential appears once, in order, with "
            + "increasing sequences and the version it committed")
    void everyWriteOnce() {
        write(tx -> tx.table(EntityType.IDENTITY).insert(alice));
        write(tx -> tx.table(EntityType.GRANT).insert(grant));
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        write(tx -> tx.table(EntityType.IDENTITY).update(next(alice, "v2")));
        write(tx -> tx.table(EntityType.GRANT).update(next(grant, "v2")));
        write(tx -> tx.table(EntityType.CREDENTIAL).update(next(key, "v2")));
        write(tx -> tx.table(EntityType.IDENTITY).insert(bob));
        List<StoreChange> changes = store().changesSince(0, 100);
        assertThat(changes).extracting(StoreChange::kind, StoreChange::id).containsExactly(
                kindAndId(StoreChange.Kind.IDENTITY, "alice"), kindAndId(StoreChange.Kind.GRANT, "g-1"),
                kindAndId(StoreChange.Kind.CREDENTIAL, keyId), kindAndId(StoreChange.Kind.IDENTITY, "alice"),
                kindAndId(StoreChange.Kind.GRANT, "g-1"), kindAndId(StoreChange.Kind.CREDENTIAL, keyId),
                kindAndId(StoreChange.Kind.IDENTITY, "Bob"));
        assertThat(changes).extracting(StoreChange::version).as("each change's version, as its unit committed it")
                .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 1L);
        assertIncreasing(changes);
        assertThat(changes.get(0).sequence()).as("the first sequence").isPositive();
        assertThat(store().lastChangeSequence()).isEqualTo(changes.get(changes.size() - 1).sequence());
    }

    @Test
    @DisplayName("changesSince returns only changes after the given sequence, at most max of them")
    void sinceAndMax() {
        write(tx -> tx.table(EntityType.IDENTITY).insert(alice));
        write(tx -> tx.table(EntityType.IDENTITY).insert(bob));
        write(tx -> tx.table(EntityType.GRANT).insert(grant));
        write(tx -> tx.table(EntityType.GRANT).update(next(grant, "v2")));
        List<StoreChange> all = store().changesSince(0, 100);
        assertThat(all).hasSize(4);
        assertThat(store().changesSince(0, 2)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(store().changesSince(all.get(1).sequence(), 100)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(store().changesSince(all.get(2).sequence(), 1)).containsExactly(all.get(3));
        assertThat(store().changesSince(all.get(3).sequence(), 100)).isEmpty();
        List<StoreChange> followed = new ArrayList<>();
        long seen = 0;
        for (List<StoreChange> batch = store().changesSince(seen, 1); !batch.isEmpty();
                batch = store().changesSince(seen, 1)) {
            followed.addAll(batch);
            seen = batch.get(batch.size() - 1).sequence();
        }
        assertThat(followed).as("following one change at a time").containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("a unit that writes several entities adds a change for each, after those of earlier units")
    void unitWithSeveralWrites() {
        write(tx -> tx.table(EntityType.IDENTITY).insert(alice));
        long before = store().lastChangeSequence();
        write(tx -> {
            tx.table(EntityType.IDENTITY).insert(bob);
            tx.table(EntityType.IDENTITY).update(next(alice, "v2"));
            tx.table(EntityType.GRANT).insert(grant);
            tx.table(EntityType.CREDENTIAL).insert(key);
        });
        List<StoreChange> unit = store().changesSince(before, 100);
        assertThat(unit).extracting(StoreChange::kind, StoreChange::id).containsExactlyInAnyOrder(
                kindAndId(StoreChange.Kind.IDENTITY, "Bob"), kindAndId(StoreChange.Kind.IDENTITY, "alice"),
                kindAndId(StoreChange.Kind.GRANT, "g-1"), kindAndId(StoreChange.Kind.CREDENTIAL, keyId));
        assertThat(unit).allSatisfy(c -> assertThat(c.sequence()).isGreaterThan(before));
        assertThat(unit).filteredOn(c -> c.id().equals("alice")).extracting(StoreChange::version)
                .as("alice's version as the unit left it").containsOnly(2L);
        assertIncreasing(store().changesSince(0, 100));
        assertThat(store().lastChangeSequence()).isEqualTo(unit.get(unit.size() - 1).sequence());
    }

    @Test
    @DisplayName("a rolled-back unit, a read-only unit, an audit-only unit and a credential-usage-only unit add no "
            + "change")
    void noChangeWithoutWrite() {
        write(tx -> {
            tx.table(EntityType.IDENTITY).insert(alice);
            tx.table(EntityType.CREDENTIAL).insert(key);
        });
        long last = store().lastChangeSequence();
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.IDENTITY).insert(bob);
            tx.table(EntityType.IDENTITY).update(next(alice, "v2"));
            tx.table(EntityType.GRANT).insert(grant);
            tx.table(EntityType.CREDENTIAL).update(next(key, "v2"));
            tx.table(EntityType.CREDENTIAL).insert(Samples.apiKey("keyB", bob.id()));
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        fetch(tx -> tx.table(EntityType.IDENTITY).find(alice.id().value()));
        write(tx -> tx.appendAudit(AuditSeal.sealAll(tx.lockAuditHead(), List.of(Samples.draft("e-0")))));
        write(tx -> tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), at(Duration.ofHours(1)), 1));
        assertThat(store().lastChangeSequence()).isEqualTo(last);
        assertThat(store().changesSince(last, 100)).isEmpty();
        assertThat(store().changesSince(0, 100)).hasSize(2);
    }
}
