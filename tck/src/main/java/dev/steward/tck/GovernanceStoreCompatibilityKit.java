package dev.steward.tck;

import static dev.steward.tck.Samples.T0;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.KitSupport.assertIncreasing;
import static dev.steward.tck.KitSupport.await;
import static dev.steward.tck.KitSupport.collectPages;
import static dev.steward.tck.KitSupport.count;
import static dev.steward.tck.KitSupport.kindAndId;
import static dev.steward.tck.KitSupport.sortedGrants;
import static dev.steward.tck.KitSupport.sortedIdentities;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.AuditVerifier;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import dev.steward.tck.KitSupport.KitFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * checks, so a failure reads as the rule the store breaks. The concurrency tests run several
 * threads against the one store; they need a store that allows at least
 * {@value #THREADS} units of work at a time (a pool of that many connections), or one that runs
 * them one at a time.
 *
 * <p>Values written by the kit carry nanosecond instants, non-ASCII text (also outside the Basic
 * Multilingual Plane) and ids that differ only in case or punctuation, so a store has to keep
 * them exactly and order ids in binary ({@link String#compareTo}) order whatever its collation.
 * Conflicts surface as {@link ConflictException} whatever the database reports (a unique-key
 * violation, a serialization failure, a versioned update that matched no row), and the work's own
 * exception reaches the caller as the same object.
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
    @DisplayName("queries")
    class Queries {
        private final IdentityId alice = IdentityId.of("alice");
        private final IdentityId bob = IdentityId.of("Bob");
        private final Instant in1Day = at(Duration.ofDays(1));
        private final Instant in20Days = at(Duration.ofDays(20));
        // Ids that differ in case and punctuation, so their binary order differs from most collations.
        private final List<Identity> people = List.of(
                Samples.identity("alice", IdentityKind.HUMAN, IdentityStatus.ACTIVE, null, "prod", null, null),
                Samples.identity("Bob", IdentityKind.HUMAN, IdentityStatus.ACTIVE, null, "staging", null,
                        at(Duration.ofDays(10))),
                Samples.identity("carol.x", IdentityKind.HUMAN, IdentityStatus.SUSPENDED, null, "prod", null, null),
                Samples.identity("agent-1", IdentityKind.AGENT, IdentityStatus.ACTIVE, alice, "prod", null,
                        at(Duration.ofDays(30))),
                Samples.identity("agent_2", IdentityKind.AGENT, IdentityStatus.PENDING_APPROVAL, alice, "staging",
                        null, at(Duration.ofDays(5))),
                Samples.identity("Agent:3", IdentityKind.AGENT, IdentityStatus.ACTIVE, bob, "prod", in1Day,
                        at(Duration.ofDays(60))),
                Samples.identity("agent-10", IdentityKind.AGENT, IdentityStatus.ACTIVE, bob, "staging", null, in20Days),
                Samples.identity("svc@billing", IdentityKind.SERVICE, IdentityStatus.ACTIVE, bob, "prod", null, null),
                Samples.identity("svc+ledger", IdentityKind.SERVICE, IdentityStatus.RETIRED, alice, "default", null,
                        null),
                Samples.identity("wl.ci", IdentityKind.WORKLOAD, IdentityStatus.SUSPENDED, bob, "staging", in1Day,
                        in1Day),
                Samples.identity("9-job", IdentityKind.WORKLOAD, IdentityStatus.REJECTED, alice, "default", null,
                        at(Duration.ofDays(90))));
        private final List<Grant> grants = List.of(
                Samples.grant("g-a", IdentityId.of("agent-1"), GrantStatus.ACTIVE, null),
                Samples.grant("G-b", IdentityId.of("agent-1"), GrantStatus.ACTIVE, alice),
                Samples.grant("g.c", IdentityId.of("agent-1"), GrantStatus.REVOKED, alice),
                Samples.grant("g_d", IdentityId.of("agent_2"), GrantStatus.REQUESTED, alice),
                Samples.grant("g:e", IdentityId.of("agent_2"), GrantStatus.ACTIVE, bob),
                Samples.grant("g-f", alice, GrantStatus.ACTIVE, null),
                Samples.grant("g@g", alice, GrantStatus.EXPIRED, null),
                Samples.grant("0-h", IdentityId.of("Agent:3"), GrantStatus.DENIED, bob),
                Samples.grant("g+i", IdentityId.of("Agent:3"), GrantStatus.ACTIVE, alice));

        @BeforeEach
        void populate() {
            write(tx -> {
                people.forEach(tx::insertIdentity);
                grants.forEach(tx::insertGrant);
            });
        }

        private void expectIdentities(IdentityQuery query, Predicate<Identity> expected) {
            assertThat(allIdentities(query)).as("identities matching %s", query)
                    .containsExactlyElementsOf(sortedIdentities(people, expected));
        }

        private void expectGrants(GrantQuery query, Predicate<Grant> expected) {
            assertThat(allGrants(query)).as("grants matching %s", query)
                    .containsExactlyElementsOf(sortedGrants(grants, expected));
        }

        @Test
        @DisplayName("an unfiltered query returns every identity and every grant, ordered by id in binary order")
        void all() {
            expectIdentities(IdentityQuery.all(), i -> true);
            expectGrants(GrantQuery.all(), g -> true);
        }

        @Test
        @DisplayName("identities by kind")
        void byKind() {
            for (IdentityKind kind : IdentityKind.values()) {
                expectIdentities(IdentityQuery.all().kind(kind), i -> i.kind() == kind);
            }
        }

        @Test
        @DisplayName("identities by status")
        void byStatus() {
            for (IdentityStatus status : IdentityStatus.values()) {
                expectIdentities(IdentityQuery.all().status(status), i -> i.status() == status);
            }
        }

        @Test
        @DisplayName("identities by owner; identities without an owner never match")
        void byOwner() {
            expectIdentities(IdentityQuery.all().owner(alice), i -> i.owner().equals(Optional.of(alice)));
            expectIdentities(IdentityQuery.all().owner(bob), i -> i.owner().equals(Optional.of(bob)));
            expectIdentities(IdentityQuery.all().owner(IdentityId.of("ALICE")), i -> false);
        }

        @Test
        @DisplayName("identities by environment, compared exactly")
        void byEnvironment() {
            for (String env : List.of("prod", "staging", "default", "PROD")) {
                expectIdentities(IdentityQuery.all().environment(env), i -> i.environment().equals(env));
            }
        }

        @Test
        @DisplayName("identities by orphaned flag: true keeps orphans, false keeps the rest")
        void byOrphaned() {
            expectIdentities(IdentityQuery.all().orphaned(true), i -> i.orphanedAt().isPresent());
            expectIdentities(IdentityQuery.all().orphaned(false), i -> i.orphanedAt().isEmpty());
        }

        @Test
        @DisplayName("identities expiring strictly before an instant; identities without an expiry never match")
        void byExpiringBefore() {
            expectIdentities(IdentityQuery.all().expiringBefore(in20Days),
                    i -> i.expiresAt().filter(x -> x.isBefore(in20Days)).isPresent());
            assertThat(allIdentities(IdentityQuery.all().expiringBefore(in20Days))).extracting(Identity::id)
                    .as("expiring exactly at the instant is not before it")
                    .doesNotContain(IdentityId.of("agent-10"));
            expectIdentities(IdentityQuery.all().expiringBefore(in1Day.plusNanos(1)),
                    i -> i.id().value().equals("wl.ci"));
        }

        @Test
        @DisplayName("identity filters combine with AND")
        void identityFiltersCombine() {
            IdentityQuery q = IdentityQuery.all().kind(IdentityKind.AGENT).owner(bob).status(IdentityStatus.ACTIVE)
                    .environment("prod").orphaned(true).expiringBefore(at(Duration.ofDays(61)));
            expectIdentities(q, i -> i.id().value().equals("Agent:3"));
            expectIdentities(IdentityQuery.all().kind(IdentityKind.HUMAN).owner(alice), i -> false);
        }

        @Test
        @DisplayName("grants by grantee")
        void byGrantee() {
            for (String grantee : List.of("agent-1", "agent_2", "Agent:3", "alice", "AGENT-1")) {
                IdentityId id = IdentityId.of(grantee);
                expectGrants(GrantQuery.all().grantee(id), g -> g.grantee().equals(id));
            }
        }

        @Test
        @DisplayName("grants by status")
        void byGrantStatus() {
            for (GrantStatus status : GrantStatus.values()) {
                expectGrants(GrantQuery.all().status(status), g -> g.status() == status);
            }
        }

        @Test
        @DisplayName("grants by delegator; direct grants never match")
        void byDelegator() {
            expectGrants(GrantQuery.all().delegatedBy(alice), g -> g.delegatedBy().equals(Optional.of(alice)));
            expectGrants(GrantQuery.all().delegatedBy(bob), g -> g.delegatedBy().equals(Optional.of(bob)));
        }

        @Test
        @DisplayName("grant filters combine with AND")
        void grantFiltersCombine() {
            expectGrants(GrantQuery.all().grantee(IdentityId.of("agent-1")).status(GrantStatus.ACTIVE).delegatedBy(alice),
                    g -> g.id().value().equals("G-b"));
        }

        @Test
        @DisplayName("pagination: every match exactly once, in id order, across pages of any size")
        void pagination() {
            List<Identity> more = IntStream.range(0, 25)
                    .mapToObj(n -> Samples.identity((n % 2 == 0 ? "P" : "p") + (n % 3 == 0 ? "-" : ".") + n,
                            IdentityKind.values()[n % 4], IdentityStatus.ACTIVE, alice, "prod", null, null))
                    .collect(Collectors.toList());
            write(tx -> more.forEach(tx::insertIdentity));
            List<Identity> everyone = new ArrayList<>(people);
            everyone.addAll(more);
            for (int limit : new int[] {1, 2, 3, 7, 35, 36, 100}) {
                assertThat(allIdentities(IdentityQuery.all().limit(limit))).as("identities, %d per page", limit)
                        .containsExactlyElementsOf(sortedIdentities(everyone, i -> true));
                IdentityQuery agents = IdentityQuery.all().kind(IdentityKind.AGENT).limit(limit);
                assertThat(allIdentities(agents)).as("agents, %d per page", limit)
                        .containsExactlyElementsOf(sortedIdentities(everyone, i -> i.kind() == IdentityKind.AGENT));
                assertThat(allGrants(GrantQuery.all().limit(limit))).as("grants, %d per page", limit)
                        .containsExactlyElementsOf(sortedGrants(grants, g -> true));
                GrantQuery active = GrantQuery.all().status(GrantStatus.ACTIVE).limit(limit);
                assertThat(allGrants(active)).as("active grants, %d per page", limit)
                        .containsExactlyElementsOf(sortedGrants(grants, g -> g.status() == GrantStatus.ACTIVE));
            }
        }

        @Test
        @DisplayName("limit: a page holds at most limit matches, exactly limit when more follow, and has a next cursor only then")
        void limitRespected() {
            int total = people.size();
            for (int limit = 1; limit <= total + 1; limit++) {
                int pageSize = limit;
                Page<Identity> first = fetch(tx -> tx.queryIdentities(IdentityQuery.all().limit(pageSize)));
                assertThat(first.items()).as("first page, limit %d", limit).hasSize(Math.min(limit, total));
                assertThat(first.hasNext()).as("next cursor of the first page, limit %d of %d", limit, total)
                        .isEqualTo(limit < total);
            }
            Page<Grant> onePage = fetch(tx -> tx.queryGrants(GrantQuery.all().limit(grants.size())));
            assertThat(onePage.items()).hasSize(grants.size());
            assertThat(onePage.hasNext()).as("a page that holds the last match has no next cursor").isFalse();
            Page<Identity> none = fetch(tx -> tx.queryIdentities(IdentityQuery.all().environment("nowhere")));
            assertThat(none.items()).isEmpty();
            assertThat(none.hasNext()).isFalse();
        }

        @Test
        @DisplayName("the cursor is a position, not an offset: inserts before it do not shift later pages")
        void cursorIsAPosition() {
            List<Identity> sorted = sortedIdentities(people, i -> true);
            Page<Identity> first = fetch(tx -> tx.queryIdentities(IdentityQuery.all().limit(4)));
            assertThat(first.items()).containsExactlyElementsOf(sorted.subList(0, 4));
            write(tx -> {
                tx.insertIdentity(Samples.human("0-first"));
                tx.insertIdentity(Samples.human("zz-last"));
            });
            List<Identity> rest = new ArrayList<>();
            Optional<String> cursor = first.nextCursor();
            while (cursor.isPresent()) {
                String c = cursor.get();
                Page<Identity> page = fetch(tx -> tx.queryIdentities(IdentityQuery.all().limit(4).after(c)));
                rest.addAll(page.items());
                cursor = page.nextCursor();
            }
            List<Identity> expected = new ArrayList<>(sorted.subList(4, sorted.size()));
            expected.add(Samples.human("zz-last"));
            assertThat(rest).containsExactlyElementsOf(expected);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("atomicity")
    class Atomicity {
        private final Identity alice = Samples.human("alice");
        private final Grant grant = Samples.grant("g-1", alice.id());

        @Test
        @DisplayName("a unit that throws leaves no write behind: identities, grants, audit events, checkpoints, changes")
        void rollback() {
            AuditSigner signer = AuditSigners.generateEd25519();
            write(tx -> {
                tx.insertIdentity(alice);
                tx.insertGrant(grant);
                AuditEvent e = AuditSeal.seal(Samples.draft("e-0"), tx.lockAuditHead().nextSequence(),
                        tx.lockAuditHead().lastHash());
                tx.appendAudit(List.of(e));
                tx.appendCheckpoint(AuditSeal.checkpoint(e, T0, signer));
            });
            Snapshot before = snapshot();
            KitFailure failure = new KitFailure();
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(Samples.agent("agent-1", alice.id()));
                tx.updateIdentity(next(alice, "changed"));
                tx.insertGrant(Samples.fullGrant("g-2", alice.id(), IdentityId.of("Bob")));
                tx.updateGrant(next(grant, "changed"));
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
        @DisplayName("reads inside a unit see its own writes: finds, queries, audit head and reads, checkpoints")
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
                    assertThat(tx.findGrant(grant.id())).isEmpty();
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

        @Test
        @DisplayName("each committed insert and update of an identity or grant appears once, in order, with increasing sequences")
        void everyWriteOnce() {
            write(tx -> tx.insertIdentity(alice));
            write(tx -> tx.insertGrant(grant));
            write(tx -> tx.updateIdentity(next(alice, "v2")));
            write(tx -> tx.updateGrant(next(grant, "v2")));
            write(tx -> tx.insertIdentity(bob));
            List<StoreChange> changes = store.changesSince(0, 100);
            assertThat(changes).extracting(StoreChange::kind, StoreChange::id).containsExactly(
                    kindAndId(StoreChange.Kind.IDENTITY, "alice"), kindAndId(StoreChange.Kind.GRANT, "g-1"),
                    kindAndId(StoreChange.Kind.IDENTITY, "alice"), kindAndId(StoreChange.Kind.GRANT, "g-1"),
                    kindAndId(StoreChange.Kind.IDENTITY, "Bob"));
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
            });
            List<StoreChange> unit = store.changesSince(before, 100);
            assertThat(unit).extracting(StoreChange::kind, StoreChange::id).containsExactlyInAnyOrder(
                    kindAndId(StoreChange.Kind.IDENTITY, "Bob"), kindAndId(StoreChange.Kind.IDENTITY, "alice"),
                    kindAndId(StoreChange.Kind.GRANT, "g-1"));
            assertThat(unit).allSatisfy(c -> assertThat(c.sequence()).isGreaterThan(before));
            assertIncreasing(store.changesSince(0, 100));
            assertThat(store.lastChangeSequence()).isEqualTo(unit.get(unit.size() - 1).sequence());
        }

        @Test
        @DisplayName("a rolled-back unit, a read-only unit and an audit-only unit add no change")
        void noChangeWithoutWrite() {
            write(tx -> tx.insertIdentity(alice));
            long last = store.lastChangeSequence();
            assertThatThrownBy(() -> write(tx -> {
                tx.insertIdentity(bob);
                tx.updateIdentity(next(alice, "v2"));
                tx.insertGrant(grant);
                throw new KitFailure();
            })).isInstanceOf(KitFailure.class);
            fetch(tx -> tx.findIdentity(alice.id()));
            write(tx -> tx.appendAudit(AuditSeal.sealAll(tx.lockAuditHead(), List.of(Samples.draft("e-0")))));
            assertThat(store.lastChangeSequence()).isEqualTo(last);
            assertThat(store.changesSince(last, 100)).isEmpty();
            assertThat(store.changesSince(0, 100)).hasSize(1);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("concurrency")
    class Concurrency {
        private static final int UNITS_PER_THREAD = 40;

        @Test
        @Timeout(120)
        @DisplayName("read-modify-write from many threads: each unit commits or throws ConflictException, and no update is lost")
        void noLostUpdates() throws Exception {
            List<Identity> targets = List.of(Samples.human("alice"), Samples.human("Bob"), Samples.human("carol"));
            List<Grant> grants = List.of(Samples.grant("g-1", targets.get(0).id()));
            write(tx -> {
                targets.forEach(tx::insertIdentity);
                grants.forEach(tx::insertGrant);
            });
            long changesBefore = store.lastChangeSequence();
            Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
            AtomicInteger conflicts = new AtomicInteger();
            List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
            runConcurrently((thread, unit) -> {
                int pick = (thread + unit) % (targets.size() + grants.size());
                try {
                    String id = store.transact(tx -> {
                        if (pick < targets.size()) {
                            Identity current = tx.findIdentity(targets.get(pick).id()).orElseThrow();
                            interleave();
                            tx.updateIdentity(next(current, "update " + thread + "/" + unit));
                            return current.id().value();
                        }
                        Grant current = tx.findGrant(grants.get(pick - targets.size()).id()).orElseThrow();
                        interleave();
                        tx.updateGrant(next(current, "update " + thread + "/" + unit));
                        return current.id().value();
                    });
                    committed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                } catch (ConflictException e) {
                    conflicts.incrementAndGet();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            });
            assertThat(unexpected).as("failures other than ConflictException").isEmpty();
            int successes = committed.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(successes + conflicts.get()).isEqualTo(THREADS * UNITS_PER_THREAD);
            assertThat(successes).as("committed units").isPositive();
            read(tx -> {
                for (Identity i : targets) {
                    assertThat(tx.findIdentity(i.id()).orElseThrow().version()).as("version of %s", i.id())
                            .isEqualTo(1L + count(committed, i.id().value()));
                }
                for (Grant g : grants) {
                    assertThat(tx.findGrant(g.id()).orElseThrow().version()).as("version of %s", g.id())
                            .isEqualTo(1L + count(committed, g.id().value()));
                }
            });
            List<StoreChange> changes = store.changesSince(changesBefore, 10_000);
            assertThat(changes).as("one change per committed update").hasSize(successes);
            assertIncreasing(changes);
        }

        @Test
        @Timeout(120)
        @DisplayName("audit appends from many threads keep the chain linear: dense sequences, each linked to the one before")
        void linearAuditChain() throws Exception {
            Set<AuditEventId> committed = ConcurrentHashMap.newKeySet();
            AtomicInteger conflicts = new AtomicInteger();
            List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
            runConcurrently((thread, unit) -> {
                String prefix = "t" + thread + "-u" + unit;
                try {
                    List<AuditEvent> events = store.transact(tx -> {
                        AuditHead head = tx.lockAuditHead();
                        interleave();
                        List<AuditEvent> sealed = AuditSeal.sealAll(head,
                                List.of(Samples.draft(prefix + "-a"), Samples.plainDraft(prefix + "-b")));
                        tx.appendAudit(sealed);
                        return sealed;
                    });
                    events.forEach(e -> committed.add(e.id()));
                } catch (ConflictException e) {
                    conflicts.incrementAndGet();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            });
            assertThat(unexpected).as("failures other than ConflictException").isEmpty();
            List<AuditEvent> log = readWholeLog();
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).sequence()).as("sequence at position %d", i).isEqualTo(i);
                assertThat(log.get(i).previousHash()).as("previous hash at position %d", i)
                        .isEqualTo(i == 0 ? AuditHead.GENESIS_HASH : log.get(i - 1).hash());
            }
            assertThat(AuditVerifier.verify(log).valid()).isTrue();
            assertThat(log).extracting(AuditEvent::id).as("the log holds exactly the committed events")
                    .containsExactlyInAnyOrderElementsOf(committed);
            assertThat(committed.size() / 2 + conflicts.get()).isEqualTo(THREADS * UNITS_PER_THREAD);
        }

        /** Widens the window between a unit's read and its write, so that other units interleave. */
        private void interleave() {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }

        private void runConcurrently(UnitTask task) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        await(start, 10_000);
                        for (int u = 0; u < UNITS_PER_THREAD; u++) {
                            task.run(thread, u);
                        }
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(100, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private List<AuditEvent> readWholeLog() {
            List<AuditEvent> log = new ArrayList<>();
            while (true) {
                long from = log.size();
                List<AuditEvent> batch = fetch(tx -> tx.readAudit(from, 200));
                if (batch.isEmpty()) {
                    return log;
                }
                log.addAll(batch);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /**
     * Runs a unit of work that returns nothing, committing if it returns. A failed assertion inside
     * it is rethrown after the unit ends, so that a store is never left with a unit that ended in an
     * {@link Error} (which a backend may not expect).
     */
    private void write(Consumer<StoreTransaction> work) {
        AssertionError failed = store.transact(tx -> {
            try {
                work.accept(tx);
                return null;
            } catch (AssertionError e) {
                return e;
            }
        });
        if (failed != null) {
            throw failed;
        }
    }

    /** Runs a unit of work for the checks it makes on what it reads. */
    private void read(Consumer<StoreTransaction> work) {
        write(work);
    }

    /** Runs a unit of work and returns what it read. */
    private <T> T fetch(UnitOfWork<T> work) {
        return store.transact(work);
    }

    private List<Identity> allIdentities(IdentityQuery query) {
        return collectPages(query.limit(), c -> fetch(tx -> tx.queryIdentities(c.map(query::after).orElse(query))));
    }

    private List<Grant> allGrants(GrantQuery query) {
        return collectPages(query.limit(), c -> fetch(tx -> tx.queryGrants(c.map(query::after).orElse(query))));
    }

    private Snapshot snapshot() {
        Snapshot stored = fetch(tx -> new Snapshot(tx.queryIdentities(IdentityQuery.all().limit(1000)).items(),
                tx.queryGrants(GrantQuery.all().limit(1000)).items(), tx.readAudit(0, 1000), tx.checkpoints(),
                List.of(), 0));
        return new Snapshot(stored.identities(), stored.grants(), stored.audit(), stored.checkpoints(),
                store.changesSince(0, 1000), store.lastChangeSequence());
    }

    /** Everything a store holds, to compare before and after. */
    private record Snapshot(List<Identity> identities, List<Grant> grants, List<AuditEvent> audit,
            List<AuditCheckpoint> checkpoints, List<StoreChange> changes, long lastChange) {
    }

    @FunctionalInterface
    private interface UnitTask {
        void run(int thread, int unit);
    }
}
