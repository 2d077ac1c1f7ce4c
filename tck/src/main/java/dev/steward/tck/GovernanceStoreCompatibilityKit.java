package dev.steward.tck;

import static dev.steward.tck.Samples.T0;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.KitSupport.assertIncreasing;
import static dev.steward.tck.KitSupport.await;
import static dev.steward.tck.KitSupport.kindAndId;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.AuditVerifier;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewItemQuery;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import dev.steward.tck.KitSupport.KitFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a {@link GovernanceStore}, as JUnit 5 tests. A store is done when its subclass
 * of this kit passes unchanged.
 *
 * <p>To prove a backend, add {@code steward-tck} as a test dependency and subclass the kit with a
 * factory for a new, empty store:
 *
 * <pre>{@code
 * class JdbcStoreCompatibilityTest extends GovernanceStoreCompatibilityKit {
 *     private final EmbeddedDatabase db = EmbeddedDatabase.start();   // your test database
 *
 *     @Override
 *     protected GovernanceStore createStore() {
 *         db.dropAndCreateSchema();                     // every test starts from an empty store
 *         return JdbcStore.create(db.dataSource());
 *     }
 * }
 * }</pre>
 *
 * The kit calls {@link #createStore()} before every test and {@link #closeStore(GovernanceStore)}
 * after it. Tests are grouped by capability ({@code @Nested}) and each is named by the rule it
 * checks, so a failure reads as the rule the store breaks. The longer groups keep their rules in
 * package-private classes next to the kit ({@code CredentialRules}, {@code ReviewRules},
 * {@code QueryRules}, {@code ConcurrencyRules}), each opening with notes on its part of the contract; they run and
 * report as groups of the kit. The concurrency tests run several threads against the one store;
 * they need a store that allows at least {@value #THREADS} units of work at a time (a pool of
 * that many connections), or one that runs them one at a time.
 *
 * <h2>What the SPI leaves to the store</h2>
 * The SPI says what a unit of work must do, not how; these choices are the store's, and the kit
 * checks only their outcome.
 * <ul>
 *   <li><b>Isolation.</b> Serializable transactions, row locks, versioned
 *       {@code UPDATE ... WHERE version = ?}, or one unit at a time: anything that loses no
 *       committed update, lets no unit see another's uncommitted writes, and keeps the audit chain
 *       linear ({@link StoreTransaction#lockAuditHead()} has to lock, e.g. a head row
 *       {@code FOR UPDATE}). A unit that loses a race may wait, or fail with
 *       {@link ConflictException}; it must not fail otherwise.</li>
 *   <li><b>Errors.</b> Conflicts surface as {@link ConflictException} whatever the database reports
 *       (a unique-key violation, a serialization failure, a versioned update that matched no row);
 *       an update of a missing id as {@link NotFoundException}; the work's own exception reaches
 *       the caller as the same object.</li>
 *   <li><b>Schema.</b> Values come back exactly as written. The kit writes nanosecond instants
 *       (many SQL timestamp types keep microseconds: store epoch nanoseconds, or seconds and
 *       nanoseconds), non-ASCII text also outside the Basic Multilingual Plane (e.g.
 *       {@code utf8mb4} on MySQL), optional fields both empty and present, and ids that differ only
 *       in case or punctuation, which have to be distinct keys ordered in binary
 *       ({@link String#compareTo}) order whatever the database's collation. References between
 *       entities (a grant's grantee, a credential's holder or predecessor) are ids only, checked by
 *       Steward's core: the kit writes them without the entities they name, so a store must not
 *       enforce them with foreign keys.</li>
 *   <li><b>Cursors.</b> Their format is the store's (the in-memory store uses the last id of the
 *       page). A cursor has to be a position in id order, not an offset; a page with a next cursor
 *       holds exactly {@code limit} matches, and the page holding the last match has none.</li>
 *   <li><b>Change sequence.</b> Sequences only have to be positive and increase; gaps are allowed (a
 *       database sequence leaves them). Whether several writes of one entity in one unit make one
 *       change or several is the store's choice; the kit requires at least one per written entity
 *       and unit, and none for a unit that wrote no identity, grant or credential (audit events and
 *       credential usage are not changes). Other instances follow the sequence with
 *       {@link GovernanceStore#changesSince} and never look back, so a change must not become
 *       visible after one with a higher sequence: number changes when the unit commits, under the
 *       lock that orders commits, not when it starts writing. The kit cannot force that
 *       interleaving, so it does not test it. Each change carries the entity's version as its unit
 *       committed it, so an instance that already holds that version skips the read.</li>
 *   <li><b>Credential usage.</b> {@link StoreTransaction#recordCredentialUsage} is telemetry: an
 *       additive, forward-only update in place that changes no version and no change sequence,
 *       while {@link StoreTransaction#updateCredential} never writes the usage columns. Usage
 *       units contend for the same rows as updates and may fail with {@link ConflictException}
 *       like them: the core then records that usage again with its next flush.</li>
 *   <li><b>Resources.</b> Stores are thread-safe; a {@link StoreTransaction} is used by one
 *       thread and only during its unit. Durability is declared by {@link GovernanceStore#isDurable()};
 *       the kit does not restart a store, so a durable store should also be tested across a
 *       restart by its own tests.</li>
 * </ul>
 */
public abstract class GovernanceStoreCompatibilityKit {
    /** Threads the concurrency tests run at once. */
    protected static final int THREADS = 8;

    /** The store under test, new for each test. */
    protected GovernanceStore store;

    /**
     * @return a new, empty store; called before every test
     */
    protected abstract GovernanceStore createStore();

    /**
     * Releases a store after a test. Closes it if it is {@link AutoCloseable}; override to do more.
     *
     * @param store the store {@link #createStore()} returned
     * @throws Exception if closing fails
     */
    protected void closeStore(GovernanceStore store) throws Exception {
        if (store instanceof AutoCloseable) {
            ((AutoCloseable) store).close();
        }
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
    }

    @AfterEach
    void closeStoreUnderTest() throws Exception {
        if (store != null) {
            closeStore(store);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The fixture

    @Test
    @DisplayName("fixture: createStore() gives a new, empty store with a name")
    void fixtureStoreIsEmpty() {
        assertThat(store).as("createStore()").isNotNull();
        assertThat(store.name()).as("name()").isNotBlank();
        assertThat(store.lastChangeSequence()).as("lastChangeSequence() of an empty store").isZero();
        assertThat(store.changesSince(0, 100)).as("changesSince(0, 100) of an empty store").isEmpty();
        read(tx -> {
            assertThat(tx.queryIdentities(IdentityQuery.all()).items()).as("identities").isEmpty();
            assertThat(tx.queryGrants(GrantQuery.all()).items()).as("grants").isEmpty();
            assertThat(tx.queryCredentials(CredentialQuery.all()).items()).as("credentials").isEmpty();
            assertThat(tx.queryReviewCycles(ReviewCycleQuery.all()).items()).as("review cycles").isEmpty();
            assertThat(tx.queryReviewItems(ReviewItemQuery.all()).items()).as("review items").isEmpty();
            assertThat(tx.readAudit(0, 100)).as("audit events").isEmpty();
            assertThat(tx.checkpoints()).as("checkpoints").isEmpty();
        });
    }

    @Test
    @DisplayName("fixture: the kit's sealed events and signed checkpoints pass Steward's own verifier")
    void fixtureAuditSamplesVerify() {
        AuditSigner signer = AuditSigners.generateEd25519();
        List<AuditEvent> events = AuditSeal.sealAll(new AuditHead(0, AuditHead.GENESIS_HASH),
                List.of(Samples.draft("e-1"), Samples.plainDraft("e-2"), Samples.draft("e-3")));
        List<AuditCheckpoint> checkpoints = List.of(AuditSeal.checkpoint(events.get(1), T0, signer),
                AuditSeal.checkpoint(events.get(2), T0, signer));
        assertThat(AuditVerifier.verify(events, checkpoints, signer.publicKey()).valid()).isTrue();
        assertThat(AuditVerifier.verify(List.of(events.get(0), events.get(2))).valid())
                .as("a chain with a gap does not verify").isFalse();
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("identities")
    class Identities {
        private final Identity alice = Samples.human("alice");
        private final Identity agent = Samples.agent("agent-1", alice.id());

        @Test
        @DisplayName("an inserted identity is found again, equal in every field, within its unit and after commit")
        void identityInsertAndFind() {
            write(tx -> {
                tx.insertIdentity(alice);
                tx.insertIdentity(agent);
                assertThat(tx.findIdentity(agent.id())).contains(agent);
            });
            read(tx -> {
                assertThat(tx.findIdentity(alice.id())).contains(alice);
                assertThat(tx.findIdentity(agent.id())).contains(agent);
            });
        }

        @Test
        @DisplayName("finding an unknown id gives empty")
        void identityFindUnknown() {
            write(tx -> tx.insertIdentity(alice));
            read(tx -> assertThat(tx.findIdentity(IdentityId.of("nobody"))).isEmpty());
        }

        @Test
        @DisplayName("ids are case-sensitive: 'alice' and 'Alice' are two identities")
        void identityIdsAreCaseSensitive() {
            Identity upper = Samples.human("Alice");
            write(tx -> tx.insertIdentity(alice));
            write(tx -> tx.insertIdentity(upper));
            read(tx -> {
                assertThat(tx.findIdentity(alice.id())).contains(alice);
                assertThat(tx.findIdentity(upper.id())).contains(upper);
            });
        }

        @Test
        @DisplayName("inserting an existing id throws ConflictException and keeps the stored identity")
        void identityInsertExisting() {
            write(tx -> tx.insertIdentity(alice));
            Identity impostor = Samples.identity("alice", IdentityKind.AGENT, IdentityStatus.PENDING_APPROVAL,
                    IdentityId.of("mallory"), "prod", null, null);
            assertThatThrownBy(() -> write(tx -> tx.insertIdentity(impostor))).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(agent);
                tx.insertIdentity(agent);
            })).as("inserted twice in one unit").isInstanceOf(ConflictException.class);
            read(tx -> {
                assertThat(tx.findIdentity(alice.id())).contains(alice);
                assertThat(tx.findIdentity(agent.id())).isEmpty();
            });
        }

        @Test
        @DisplayName("an update whose version is the stored version plus one replaces the identity")
        void identityUpdate() {
            write(tx -> tx.insertIdentity(agent));
            Identity v2 = agent.withStatus(IdentityStatus.SUSPENDED, "incident", at(Duration.ofHours(1)));
            write(tx -> tx.updateIdentity(v2));
            read(tx -> assertThat(tx.findIdentity(agent.id())).contains(v2));
        }

        @Test
        @DisplayName("successive updates in one unit each advance the version by one")
        void identityUpdatesInOneUnit() {
            write(tx -> tx.insertIdentity(agent));
            Identity v2 = next(agent, "second");
            Identity v3 = next(v2, "third");
            write(tx -> {
                tx.updateIdentity(v2);
                tx.updateIdentity(v3);
            });
            read(tx -> assertThat(tx.findIdentity(agent.id())).contains(v3));
        }

        @Test
        @DisplayName("an update with a stale or skipped version throws ConflictException and changes nothing")
        void identityStaleUpdate() {
            write(tx -> tx.insertIdentity(agent));
            Identity v2 = next(agent, "v2");
            write(tx -> tx.updateIdentity(v2));
            Identity staleV2 = next(agent, "based on v1 again");
            assertThatThrownBy(() -> write(tx -> tx.updateIdentity(staleV2))).as("version 2 again")
                    .isInstanceOf(ConflictException.class);
            Identity skipped = next(next(v2, "v3"), "v4");
            assertThatThrownBy(() -> write(tx -> tx.updateIdentity(skipped))).as("version 4 over version 2")
                    .isInstanceOf(ConflictException.class);
            read(tx -> assertThat(tx.findIdentity(agent.id())).contains(v2));
        }

        @Test
        @DisplayName("updating an unknown id throws NotFoundException and creates nothing")
        void identityUpdateUnknown() {
            assertThatThrownBy(() -> write(tx -> tx.updateIdentity(next(agent, "ghost"))))
                    .isInstanceOf(NotFoundException.class);
            read(tx -> assertThat(tx.findIdentity(agent.id())).isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("grants")
    class Grants {
        private final IdentityId agent = IdentityId.of("agent-1");
        private final Grant direct = Samples.grant("g-1", agent);
        private final Grant full = Samples.fullGrant("g-2", agent, IdentityId.of("alice"));

        @Test
        @DisplayName("an inserted grant is found again, equal in every field, within its unit and after commit")
        void grantInsertAndFind() {
            write(tx -> {
                tx.insertGrant(direct);
                tx.insertGrant(full);
                assertThat(tx.findGrant(full.id())).contains(full);
            });
            read(tx -> {
                assertThat(tx.findGrant(direct.id())).contains(direct);
                assertThat(tx.findGrant(full.id())).contains(full);
            });
        }

        @Test
        @DisplayName("finding an unknown id gives empty")
        void grantFindUnknown() {
            write(tx -> tx.insertGrant(direct));
            read(tx -> assertThat(tx.findGrant(GrantId.of("nothing"))).isEmpty());
        }

        @Test
        @DisplayName("ids are case-sensitive: 'g-1' and 'G-1' are two grants")
        void grantIdsAreCaseSensitive() {
            Grant upper = Samples.grant("G-1", agent);
            write(tx -> tx.insertGrant(direct));
            write(tx -> tx.insertGrant(upper));
            read(tx -> {
                assertThat(tx.findGrant(direct.id())).contains(direct);
                assertThat(tx.findGrant(upper.id())).contains(upper);
            });
        }

        @Test
        @DisplayName("inserting an existing id throws ConflictException and keeps the stored grant")
        void grantInsertExisting() {
            write(tx -> tx.insertGrant(direct));
            Grant impostor = Samples.grant("g-1", IdentityId.of("mallory"), GrantStatus.REQUESTED, null);
            assertThatThrownBy(() -> write(tx -> tx.insertGrant(impostor))).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> write(tx -> {
                tx.insertGrant(full);
                tx.insertGrant(full);
            })).as("inserted twice in one unit").isInstanceOf(ConflictException.class);
            read(tx -> {
                assertThat(tx.findGrant(direct.id())).contains(direct);
                assertThat(tx.findGrant(full.id())).isEmpty();
            });
        }

        @Test
        @DisplayName("an update whose version is the stored version plus one replaces the grant")
        void grantUpdate() {
            write(tx -> tx.insertGrant(full));
            Grant v2 = full.withUse(at(Duration.ofHours(1)));
            write(tx -> tx.updateGrant(v2));
            Grant v3 = v2.withStatus(GrantStatus.REVOKED, "no longer needed", at(Duration.ofHours(2)));
            write(tx -> tx.updateGrant(v3));
            read(tx -> assertThat(tx.findGrant(full.id())).contains(v3));
        }

        @Test
        @DisplayName("successive updates in one unit each advance the version by one")
        void grantUpdatesInOneUnit() {
            write(tx -> tx.insertGrant(direct));
            Grant v2 = next(direct, "second");
            Grant v3 = next(v2, "third");
            write(tx -> {
                tx.updateGrant(v2);
                tx.updateGrant(v3);
            });
            read(tx -> assertThat(tx.findGrant(direct.id())).contains(v3));
        }

        @Test
        @DisplayName("an update with a stale or skipped version throws ConflictException and changes nothing")
        void grantStaleUpdate() {
            write(tx -> tx.insertGrant(direct));
            Grant v2 = next(direct, "v2");
            write(tx -> tx.updateGrant(v2));
            Grant staleV2 = next(direct, "based on v1 again");
            assertThatThrownBy(() -> write(tx -> tx.updateGrant(staleV2))).as("version 2 again")
                    .isInstanceOf(ConflictException.class);
            Grant skipped = next(next(v2, "v3"), "v4");
            assertThatThrownBy(() -> write(tx -> tx.updateGrant(skipped))).as("version 4 over version 2")
                    .isInstanceOf(ConflictException.class);
            read(tx -> assertThat(tx.findGrant(direct.id())).contains(v2));
        }

        @Test
        @DisplayName("updating an unknown id throws NotFoundException and creates nothing")
        void grantUpdateUnknown() {
            assertThatThrownBy(() -> write(tx -> tx.updateGrant(next(direct, "ghost"))))
                    .isInstanceOf(NotFoundException.class);
            read(tx -> assertThat(tx.findGrant(direct.id())).isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("credentials")
    class Credentials extends CredentialRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("reviews and grant usage")
    class Reviews extends ReviewRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("queries")
    class Queries extends QueryRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("atomicity")
    class Atomicity {
        private final Identity alice = Samples.human("alice");
        private final Grant grant = Samples.grant("g-1", alice.id());
        private final Credential key = Samples.apiKey("keyA", alice.id());

        @Test
        @DisplayName("a unit that throws leaves no write behind: identities, grants, credentials and their usage, audit events, checkpoints, changes")
        void rollback() {
            AuditSigner signer = AuditSigners.generateEd25519();
            write(tx -> {
                tx.insertIdentity(alice);
                tx.insertGrant(grant);
                tx.insertCredential(key);
                AuditEvent e = AuditSeal.seal(Samples.draft("e-0"), tx.lockAuditHead().nextSequence(),
                        tx.lockAuditHead().lastHash());
                tx.appendAudit(List.of(e));
                tx.appendCheckpoint(AuditSeal.checkpoint(e, T0, signer));
            });
            StoreSnapshot before = snapshot();
            KitFailure failure = new KitFailure();
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(Samples.agent("agent-1", alice.id()));
                tx.updateIdentity(next(alice, "changed"));
                tx.insertGrant(Samples.fullGrant("g-2", alice.id(), IdentityId.of("Bob")));
                tx.updateGrant(next(grant, "changed"));
                tx.insertCredential(Samples.fullCredential("Zfull", alice.id(), key.id()));
                tx.updateCredential(next(key, "changed"));
                tx.recordCredentialUsage(key.id(), at(Duration.ofHours(1)), 3);
                AuditHead head = tx.lockAuditHead();
                List<AuditEvent> events = AuditSeal.sealAll(head, List.of(Samples.draft("e-1"), Samples.draft("e-2")));
                tx.appendAudit(events);
                tx.appendCheckpoint(AuditSeal.checkpoint(events.get(1), T0, signer));
                throw failure;
            })).isSameAs(failure);
            assertThat(snapshot()).isEqualTo(before);
            read(tx -> {
                assertThat(tx.findIdentity(IdentityId.of("agent-1"))).isEmpty();
                assertThat(tx.findGrant(GrantId.of("g-2"))).isEmpty();
                assertThat(tx.findCredential(Samples.credentialId("Zfull"))).isEmpty();
                assertThat(tx.findCredential(key.id())).contains(key);
                assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(1, before.audit().get(0).hash()));
            });
        }

        @Test
        @DisplayName("the work's exception reaches the caller unchanged, whether a StewardException or another")
        void exceptionUnchanged() {
            KitFailure plain = new KitFailure();
            assertThatThrownBy(() -> store.transact(tx -> {
                throw plain;
            })).isSameAs(plain);
            NotFoundException steward = new NotFoundException("kit", "thrown-by-the-work");
            assertThatThrownBy(() -> store.transact(tx -> {
                tx.insertIdentity(alice);
                throw steward;
            })).isSameAs(steward);
            read(tx -> assertThat(tx.findIdentity(alice.id())).isEmpty());
        }

        @Test
        @DisplayName("the store stays usable after a failed unit, and a unit's result is returned after commit")
        void usableAfterFailure() {
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(alice);
                throw new KitFailure();
            })).isInstanceOf(KitFailure.class);
            Identity stored = store.transact(tx -> {
                tx.insertIdentity(alice);
                return alice;
            });
            assertThat(stored).isSameAs(alice);
            read(tx -> assertThat(tx.findIdentity(alice.id())).contains(alice));
        }

        @Test
        @DisplayName("reads inside a unit see its own writes: finds, queries, credential usage, audit head and reads, checkpoints")
        void readYourWrites() {
            write(tx -> tx.insertIdentity(alice));
            AuditSigner signer = AuditSigners.generateEd25519();
            write(tx -> {
                Identity v2 = next(alice, "changed");
                tx.updateIdentity(v2);
                assertThat(tx.findIdentity(alice.id())).contains(v2);
                Identity agent = Samples.agent("agent-1", alice.id());
                tx.insertIdentity(agent);
                assertThat(tx.queryIdentities(IdentityQuery.all()).items()).containsExactly(agent, v2);
                assertThat(tx.queryIdentities(IdentityQuery.all().kind(IdentityKind.AGENT)).items())
                        .containsExactly(agent);

                tx.insertGrant(grant);
                assertThat(tx.findGrant(grant.id())).contains(grant);
                Grant g2 = next(grant, "changed");
                tx.updateGrant(g2);
                assertThat(tx.queryGrants(GrantQuery.all().grantee(alice.id())).items()).containsExactly(g2);

                tx.insertCredential(key);
                Credential k2 = next(key, "changed");
                tx.updateCredential(k2);
                assertThat(tx.findCredential(key.id())).contains(k2);
                CredentialQuery unused = CredentialQuery.all().identity(alice.id())
                        .unusedSince(at(Duration.ofHours(1)));
                assertThat(tx.queryCredentials(unused).items()).containsExactly(k2);
                tx.recordCredentialUsage(key.id(), at(Duration.ofHours(2)), 1);
                assertThat(tx.findCredential(key.id())).contains(Samples.withUsage(k2, at(Duration.ofHours(2)), 1));
                assertThat(tx.queryCredentials(unused).items()).as("credentials unused since, after usage in the unit")
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
                            tx.insertIdentity(alice);
                            tx.insertGrant(grant);
                            tx.insertCredential(key);
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
                    assertThat(tx.findGrant(grant.id())).as("an uncommitted grant").isEmpty();
                    assertThat(tx.findCredential(key.id())).as("an uncommitted credential").isEmpty();
                    return tx.findIdentity(alice.id());
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

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("audit chain")
    class AuditChain {
        private final AuditSigner signer = AuditSigners.generateEd25519();

        private List<AuditEvent> append(String... ids) {
            return store.transact(tx -> {
                List<AuditEvent> events = AuditSeal.sealAll(tx.lockAuditHead(),
                        java.util.Arrays.stream(ids).map(Samples::draft).collect(Collectors.toList()));
                tx.appendAudit(events);
                return events;
            });
        }

        @Test
        @DisplayName("lockAuditHead on an empty log gives sequence 0 and AuditHead.GENESIS_HASH")
        void emptyHead() {
            read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(0, AuditHead.GENESIS_HASH)));
        }

        @Test
        @DisplayName("appended events are read back identical, in order, nanoseconds and non-ASCII text included")
        void appendAndRead() {
            List<AuditEvent> all = new ArrayList<>(append("e-0", "e-1", "e-2"));
            all.addAll(store.transact(tx -> {
                List<AuditEvent> events = AuditSeal.sealAll(tx.lockAuditHead(),
                        List.of(Samples.plainDraft("e-3"), Samples.draft("e-4")));
                tx.appendAudit(events);
                return events;
            }));
            read(tx -> {
                assertThat(tx.readAudit(0, 100)).containsExactlyElementsOf(all);
                assertThat(AuditVerifier.verify(tx.readAudit(0, 100)).valid()).isTrue();
            });
        }

        @Test
        @DisplayName("after a commit the next unit's head continues from the last event")
        void headContinues() {
            List<AuditEvent> first = append("e-0", "e-1");
            read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(2, first.get(1).hash())));
            List<AuditEvent> second = append("e-2");
            assertThat(second.get(0).previousHash()).isEqualTo(first.get(1).hash());
            read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(3, second.get(0).hash())));
        }

        @Test
        @DisplayName("readAudit reads a window: from a sequence, at most limit events")
        void readWindow() {
            List<AuditEvent> all = append("e-0", "e-1", "e-2", "e-3", "e-4");
            read(tx -> {
                assertThat(tx.readAudit(2, 2)).containsExactlyElementsOf(all.subList(2, 4));
                assertThat(tx.readAudit(4, 10)).containsExactly(all.get(4));
                assertThat(tx.readAudit(0, 1)).containsExactly(all.get(0));
                assertThat(tx.readAudit(5, 10)).isEmpty();
                assertThat(tx.readAudit(50, 10)).isEmpty();
            });
        }

        @Test
        @DisplayName("an append that does not continue the chain is refused with ConflictException and the log is unchanged")
        void brokenChainRefused() {
            List<AuditEvent> existing = append("e-0", "e-1");
            AuditEvent last = existing.get(1);
            Map<String, Function<AuditHead, List<AuditEvent>>> cases = new java.util.LinkedHashMap<>();
            cases.put("a sequence past the head", h -> List.of(AuditSeal.seal(Samples.draft("x"), h.nextSequence() + 1,
                    h.lastHash())));
            cases.put("a sequence already taken", h -> List.of(AuditSeal.seal(Samples.draft("x"), h.nextSequence() - 1,
                    h.lastHash())));
            cases.put("the genesis hash on a non-empty log", h -> List.of(AuditSeal.seal(Samples.draft("x"),
                    h.nextSequence(), AuditHead.GENESIS_HASH)));
            cases.put("a batch whose second event skips a sequence", h -> {
                AuditEvent a = AuditSeal.seal(Samples.draft("x"), h.nextSequence(), h.lastHash());
                return List.of(a, AuditSeal.seal(Samples.draft("y"), h.nextSequence() + 2, a.hash()));
            });
            cases.put("a batch whose second event does not link to the first", h -> {
                AuditEvent a = AuditSeal.seal(Samples.draft("x"), h.nextSequence(), h.lastHash());
                return List.of(a, AuditSeal.seal(Samples.draft("y"), h.nextSequence() + 1, h.lastHash()));
            });
            cases.forEach((name, events) -> {
                assertThatThrownBy(() -> write(tx -> tx.appendAudit(events.apply(tx.lockAuditHead()))))
                        .as(name).isInstanceOf(ConflictException.class);
                read(tx -> {
                    assertThat(tx.readAudit(0, 100)).as("the log after " + name).containsExactlyElementsOf(existing);
                    assertThat(tx.lockAuditHead()).as("the head after " + name)
                            .isEqualTo(new AuditHead(2, last.hash()));
                });
            });
        }

        @Test
        @DisplayName("checkpoints are read back identical, in sequence order")
        void checkpointsRoundTrip() {
            List<AuditEvent> events = append("e-0", "e-1", "e-2", "e-3");
            AuditCheckpoint c1 = AuditSeal.checkpoint(events.get(1), at(Duration.ofSeconds(1)), signer);
            AuditCheckpoint c3 = AuditSeal.checkpoint(events.get(3), at(Duration.ofSeconds(2)), signer);
            write(tx -> tx.appendCheckpoint(c1));
            write(tx -> tx.appendCheckpoint(c3));
            read(tx -> {
                assertThat(tx.checkpoints()).containsExactly(c1, c3);
                assertThat(AuditVerifier.verify(tx.readAudit(0, 100), tx.checkpoints(), signer.publicKey()).valid())
                        .isTrue();
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("change sequence")
    class ChangeSequence {
        private final Identity alice = Samples.human("alice");
        private final Identity bob = Samples.human("Bob");
        private final Grant grant = Samples.grant("g-1", alice.id());
        private final Credential key = Samples.apiKey("keyA", alice.id());
        private final String keyId = key.id().value();

        @Test
        @DisplayName("each committed insert and update of an identity, grant or credential appears once, in order, with increasing sequences and the version it committed")
        void everyWriteOnce() {
            write(tx -> tx.insertIdentity(alice));
            write(tx -> tx.insertGrant(grant));
            write(tx -> tx.insertCredential(key));
            write(tx -> tx.updateIdentity(next(alice, "v2")));
            write(tx -> tx.updateGrant(next(grant, "v2")));
            write(tx -> tx.updateCredential(next(key, "v2")));
            write(tx -> tx.insertIdentity(bob));
            List<StoreChange> changes = store.changesSince(0, 100);
            assertThat(changes).extracting(StoreChange::kind, StoreChange::id).containsExactly(
                    kindAndId(StoreChange.Kind.IDENTITY, "alice"), kindAndId(StoreChange.Kind.GRANT, "g-1"),
                    kindAndId(StoreChange.Kind.CREDENTIAL, keyId), kindAndId(StoreChange.Kind.IDENTITY, "alice"),
                    kindAndId(StoreChange.Kind.GRANT, "g-1"), kindAndId(StoreChange.Kind.CREDENTIAL, keyId),
                    kindAndId(StoreChange.Kind.IDENTITY, "Bob"));
            assertThat(changes).extracting(StoreChange::version).as("each change's version, as its unit committed it")
                    .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 1L);
            assertIncreasing(changes);
            assertThat(changes.get(0).sequence()).as("the first sequence").isPositive();
            assertThat(store.lastChangeSequence()).isEqualTo(changes.get(changes.size() - 1).sequence());
        }

        @Test
        @DisplayName("changesSince returns only changes after the given sequence, at most max of them")
        void sinceAndMax() {
            write(tx -> tx.insertIdentity(alice));
            write(tx -> tx.insertIdentity(bob));
            write(tx -> tx.insertGrant(grant));
            write(tx -> tx.updateGrant(next(grant, "v2")));
            List<StoreChange> all = store.changesSince(0, 100);
            assertThat(all).hasSize(4);
            assertThat(store.changesSince(0, 2)).containsExactlyElementsOf(all.subList(0, 2));
            assertThat(store.changesSince(all.get(1).sequence(), 100)).containsExactlyElementsOf(all.subList(2, 4));
            assertThat(store.changesSince(all.get(2).sequence(), 1)).containsExactly(all.get(3));
            assertThat(store.changesSince(all.get(3).sequence(), 100)).isEmpty();
            List<StoreChange> followed = new ArrayList<>();
            long seen = 0;
            for (List<StoreChange> batch = store.changesSince(seen, 1); !batch.isEmpty();
                    batch = store.changesSince(seen, 1)) {
                followed.addAll(batch);
                seen = batch.get(batch.size() - 1).sequence();
            }
            assertThat(followed).as("following one change at a time").containsExactlyElementsOf(all);
        }

        @Test
        @DisplayName("a unit that writes several entities adds a change for each, after those of earlier units")
        void unitWithSeveralWrites() {
            write(tx -> tx.insertIdentity(alice));
            long before = store.lastChangeSequence();
            write(tx -> {
                tx.insertIdentity(bob);
                tx.updateIdentity(next(alice, "v2"));
                tx.insertGrant(grant);
                tx.insertCredential(key);
            });
            List<StoreChange> unit = store.changesSince(before, 100);
            assertThat(unit).extracting(StoreChange::kind, StoreChange::id).containsExactlyInAnyOrder(
                    kindAndId(StoreChange.Kind.IDENTITY, "Bob"), kindAndId(StoreChange.Kind.IDENTITY, "alice"),
                    kindAndId(StoreChange.Kind.GRANT, "g-1"), kindAndId(StoreChange.Kind.CREDENTIAL, keyId));
            assertThat(unit).allSatisfy(c -> assertThat(c.sequence()).isGreaterThan(before));
            assertThat(unit).filteredOn(c -> c.id().equals("alice")).extracting(StoreChange::version)
                    .as("alice's version as the unit left it").containsOnly(2L);
            assertIncreasing(store.changesSince(0, 100));
            assertThat(store.lastChangeSequence()).isEqualTo(unit.get(unit.size() - 1).sequence());
        }

        @Test
        @DisplayName("a rolled-back unit, a read-only unit, an audit-only unit and a credential-usage-only unit add no change")
        void noChangeWithoutWrite() {
            write(tx -> {
                tx.insertIdentity(alice);
                tx.insertCredential(key);
            });
            long last = store.lastChangeSequence();
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(bob);
                tx.updateIdentity(next(alice, "v2"));
                tx.insertGrant(grant);
                tx.updateCredential(next(key, "v2"));
                tx.insertCredential(Samples.apiKey("keyB", bob.id()));
                throw new KitFailure();
            })).isInstanceOf(KitFailure.class);
            fetch(tx -> tx.findIdentity(alice.id()));
            write(tx -> tx.appendAudit(AuditSeal.sealAll(tx.lockAuditHead(), List.of(Samples.draft("e-0")))));
            write(tx -> tx.recordCredentialUsage(key.id(), at(Duration.ofHours(1)), 1));
            assertThat(store.lastChangeSequence()).isEqualTo(last);
            assertThat(store.changesSince(last, 100)).isEmpty();
            assertThat(store.changesSince(0, 100)).hasSize(2);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("concurrency")
    class Concurrency extends ConcurrencyRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /** Runs a unit of work, committing if it returns; see {@link KitSupport#write}. */
    private void write(Consumer<StoreTransaction> work) {
        KitSupport.write(store, work);
    }

    /** Runs a unit of work for the checks it makes on what it reads. */
    private void read(Consumer<StoreTransaction> work) {
        KitSupport.write(store, work);
    }

    /** Runs a unit of work and returns what it read. */
    private <T> T fetch(UnitOfWork<T> work) {
        return KitSupport.fetch(store, work);
    }

    private StoreSnapshot snapshot() {
        return StoreSnapshot.of(store);
    }
}
