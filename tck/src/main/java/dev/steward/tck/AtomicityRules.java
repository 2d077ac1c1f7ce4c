package dev.steward.tck;

import static dev.steward.tck.KitSupport.await;
import static dev.steward.tck.Samples.T0;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.steward.NotFoundException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditSigners;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.tck.KitSupport.KitFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The rules of the kit's "atomicity" group: a unit of work commits whole or not at all.
 */
abstract class AtomicityRules extends StoreKitGroup {
    private final Identity alice = Samples.human("alice");
    private final Grant grant = Samples.grant("g-1", alice.id());
    private final Credential key = Samples.apiKey("keyA", alice.id());

    @Test
    @DisplayName("a unit that throws leaves no write behind: identities, grants, credentials and their usage, audit "
            + "events, checkpoints, changes")
    void rollback() {
        AuditSigner signer = AuditSigners.generateEd25519();
        write(tx -> {
            tx.table(EntityType.IDENTITY).insert(alice);
            tx.table(EntityType.GRANT).insert(grant);
            tx.table(EntityType.CREDENTIAL).insert(key);
            AuditEvent e = AuditSeal.seal(Samples.draft("e-0"), tx.lockAuditHead().nextSequence(),
                    tx.lockAuditHead().lastHash());
            tx.appendAudit(List.of(e));
            tx.appendCheckpoint(AuditSeal.checkpoint(e, T0, signer));
        });
        StoreSnapshot before = snapshot();
        KitFailure failure = new KitFailure();
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.IDENTITY).insert(Samples.agent("agent-1", alice.id()));
            tx.table(EntityType.IDENTITY).update(next(alice, "changed"));
            tx.table(EntityType.GRANT).insert(Samples.fullGrant("g-2", alice.id(), IdentityId.of("Bob")));
            tx.table(EntityType.GRANT).update(next(grant, "changed"));
            tx.table(EntityType.CREDENTIAL).insert(Samples.fullCredential("Zfull", alice.id(), key.id()));
            tx.table(EntityType.CREDENTIAL).update(next(key, "changed"));
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), at(Duration.ofHours(1)), 3);
            AuditHead head = tx.lockAuditHead();
            List<AuditEvent> events = AuditSeal.sealAll(head, List.of(Samples.draft("e-1"), Samples.draft("e-2")));
            tx.appendAudit(events);
            tx.appendCheckpoint(AuditSeal.checkpoint(events.get(1), T0, signer));
            throw failure;
        })).isSameAs(failure);
        assertThat(snapshot()).isEqualTo(before);
        read(tx -> {
            assertThat(tx.table(EntityType.IDENTITY).find(IdentityId.of("agent-1").value())).isEmpty();
            assertThat(tx.table(EntityType.GRANT).find(GrantId.of("g-2").value())).isEmpty();
            assertThat(tx.table(EntityType.CREDENTIAL).find(Samples.credentialId("Zfull").value())).isEmpty();
            assertThat(tx.table(EntityType.CREDENTIAL).find(key.id().value())).contains(key);
            assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(1, before.audit().get(0).hash()));
        });
    }

    @Test
    @DisplayName("the work's exception reaches the caller unchanged, whether a StewardException or another")
    void exceptionUnchanged() {
        KitFailure plain = new KitFailure();
        assertThatThrownBy(() -> store().transact(tx -> {
            throw plain;
        })).isSameAs(plain);
        NotFoundException steward = new NotFoundException("kit", "thrown-by-the-work");
        assertThatThrownBy(() -> store().transact(tx -> {
            tx.table(EntityType.IDENTITY).insert(alice);
            throw steward;
        })).isSameAs(steward);
        read(tx -> assertThat(tx.table(EntityType.IDENTITY).find(alice.id().value())).isEmpty());
    }

    @Test
    @DisplayName("the store stays usable after a failed unit, and a unit's result is returned after commit")
    void usableAfterFailure() {
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.IDENTITY).insert(alice);
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        Identity stored = store().transact(tx -> {
            tx.table(EntityType.IDENTITY).insert(alice);
            return alice;
        });
        assertThat(stored).isSameAs(alice);
        read(tx -> assertThat(tx.table(EntityType.IDENTITY).find(alice.id().value())).contains(alice));
    }

    @Test
    @DisplayName("reads inside a unit see its own writes: finds, queries, credential usage, audit head and reads, "
            + "checkpoints")
    void readYourWrites() {
        write(tx -> tx.table(EntityType.IDENTITY).insert(alice));
        AuditSigner signer = AuditSigners.generateEd25519();
        write(tx -> {
            Identity v2 = next(alice, "changed");
            tx.table(EntityType.IDENTITY).update(v2);
            assertThat(tx.table(EntityType.IDENTITY).find(alice.id().value())).contains(v2);
            Identity agent = Samples.agent("agent-1", alice.id());
            tx.table(EntityType.IDENTITY).insert(agent);
            assertThat(tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all())).items())
                    .containsExactly(agent, v2);
            assertThat(tx.table(EntityType.IDENTITY)
                    .query(EntityQuery.of(IdentityQuery.all().kind(IdentityKind.AGENT))).items())
                    .containsExactly(agent);

            tx.table(EntityType.GRANT).insert(grant);
            assertThat(tx.table(EntityType.GRANT).find(grant.id().value())).contains(grant);
            Grant g2 = next(grant, "changed");
            tx.table(EntityType.GRANT).update(g2);
            assertThat(tx.table(EntityType.GRANT).query(EntityQuery.of(GrantQuery.all().grantee(alice.id()))).items())
                    .containsExactly(g2);

            tx.table(EntityType.CREDENTIAL).insert(key);
            Credential k2 = next(key, "changed");
            tx.table(EntityType.CREDENTIAL).update(k2);
            assertThat(tx.table(EntityType.CREDENTIAL).find(key.id().value())).contains(k2);
            CredentialQuery unused = CredentialQuery.all().identity(alice.id())
                    .unusedSince(at(Duration.ofHours(1)));
            assertThat(tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(unused)).items()).containsExactly(k2);
            tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), at(Duration.ofHours(2)), 1);
            assertThat(tx.table(EntityType.CREDENTIAL).find(key.id().value())).contains(Samples.withUsage(k2,
                    at(Duration.ofHours(2)), 1));
            assertThat(tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(unused)).items())
                    .as("credentials unused since, after usage in the unit")
                    .isEmpty();

            List<AuditEvent> events = AuditSeal.sealAll(tx.lockAuditHead(),
                    List.of(Samples.draft("e-0"), Samples.plainDraft("e-1")));
            tx.appendAudit(events);
            assertThat(tx.readAudit(0, 10)).containsExactlyElementsOf(events);
            assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(2, events.get(1).hash()));
            AuditCheckpoint c = AuditSeal.checkpoint(events.get(1), T0, signer);
            tx.appendCheckpoint(c);
            assertThat(tx.checkpoints()).containsExactly(c);
        });
    }

    @Test
    @Timeout(30)
    @DisplayName("no dirty reads: another unit never sees the writes of a unit that rolls back")
    void noDirtyReads() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch observed = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    write(tx -> {
                        tx.table(EntityType.IDENTITY).insert(alice);
                        tx.table(EntityType.GRANT).insert(grant);
                        tx.table(EntityType.CREDENTIAL).insert(key);
                        written.countDown();
                        await(observed, 500);
                        throw new KitFailure();
                    });
                } catch (KitFailure expected) {
                    // rolled back, as intended
                }
            });
            assertThat(written.await(10, TimeUnit.SECONDS)).as("the writing unit started").isTrue();
            // The reader may block until the writer ends; either way it must not see the writes.
            Future<Optional<Identity>> reader = pool.submit(() -> fetch(tx -> {
                assertThat(tx.table(EntityType.GRANT).find(grant.id().value())).as("an uncommitted grant").isEmpty();
                assertThat(tx.table(EntityType.CREDENTIAL).find(key.id().value())).as("an uncommitted credential")
                        .isEmpty();
                return tx.table(EntityType.IDENTITY).find(alice.id().value());
            }));
            Optional<Identity> seen = reader.get(20, TimeUnit.SECONDS);
            observed.countDown();
            writer.get(20, TimeUnit.SECONDS);
            assertThat(seen).as("an uncommitted identity").isEmpty();
        } finally {
            observed.countDown();
            pool.shutdownNow();
        }
    }
}
