package dev.steward.tck;

import static dev.steward.tck.Samples.T0;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.AuditVerifier;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemQuery;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.function.Consumer;

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
 *   <li><b>Credential usage.</b> {@link dev.steward.spi.EntityTable#recordUsage} is telemetry: an
 *       additive, forward-only update in place that changes no version and no change sequence,
 *       while {@link dev.steward.spi.EntityTable#update} never writes the usage columns. Usage
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
            assertThat(tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all())).items())
                    .as("identities").isEmpty();
            assertThat(tx.table(EntityType.GRANT).query(EntityQuery.of(GrantQuery.all())).items()).as("grants")
                    .isEmpty();
            assertThat(tx.table(EntityType.CREDENTIAL).query(EntityQuery.of(CredentialQuery.all())).items())
                    .as("credentials").isEmpty();
            assertThat(tx.table(EntityType.REVIEW_CYCLE).query(EntityQuery.of(ReviewCycleQuery.all())).items())
                    .as("review cycles").isEmpty();
            assertThat(tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(ReviewItemQuery.all())).items())
                    .as("review items").isEmpty();
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
    @DisplayName("identities: versioned entity rules")
    class Identities extends VersionedEntityRules<Identity> {
        Identities() {
            super(Samples.IDENTITIES);
        }

        @Override
        GovernanceStore store() {
            return store;
        }
    }

    @Nested
    @DisplayName("grants: versioned entity rules")
    class Grants extends VersionedEntityRules<Grant> {
        Grants() {
            super(Samples.GRANTS);
        }

        @Override
        GovernanceStore store() {
            return store;
        }
    }

    @Nested
    @DisplayName("credentials: versioned entity rules")
    class CredentialEntities extends VersionedEntityRules<Credential> {
        CredentialEntities() {
            super(Samples.CREDENTIALS);
        }

        @Override
        GovernanceStore store() {
            return store;
        }
    }

    @Nested
    @DisplayName("review cycles: versioned entity rules")
    class ReviewCycles extends VersionedEntityRules<ReviewCycle> {
        ReviewCycles() {
            super(Samples.REVIEW_CYCLES);
        }

        @Override
        GovernanceStore store() {
            return store;
        }
    }

    @Nested
    @DisplayName("review items: versioned entity rules")
    class ReviewItems extends VersionedEntityRules<ReviewItem> {
        ReviewItems() {
            super(Samples.REVIEW_ITEMS);
        }

        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------


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
    class Atomicity extends AtomicityRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("audit chain")
    class AuditChain extends AuditChainRules {
        @Override
        GovernanceStore store() {
            return store;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("change sequence")
    class ChangeSequence extends ChangeSequenceRules {
        @Override
        GovernanceStore store() {
            return store;
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
}
