package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.steward.BackendUnavailableException;
import dev.steward.Steward;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.EnforcementMode;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.SecretRef;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A unit of work whose connection dies half-way changes nothing and fails with a typed
 * {@link BackendUnavailableException}: the identity it had inserted is absent, the change sequence
 * and the audit head are where they were (the head lock it held is released), and the same unit
 * run again succeeds. At Steward level, a registration whose session is killed after its insert
 * leaves no identity and no audit event, and the retry succeeds with a log that verifies.
 *
 * <p>PostgreSQL ({@code pg_terminate_backend}) and MariaDB ({@code KILL CONNECTION}) only: an
 * embedded H2 database has no way to end another session from outside, so there is no H2 case.
 */
class JdbcConnectionFaultTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(value = JdbcDialect.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("store: a session killed mid-unit fails typed, leaves nothing half-written, and the retry succeeds")
    void killedSessionMidUnit(JdbcDialect dialect) {
        TestDatabase db = DATABASES.fresh(dialect);
        SwitchableDataSource ds = new SwitchableDataSource(db.newPool(), dialect);
        ds.trackSessions(true);
        JdbcStore store = JdbcStore.builder(ds).tablePrefix(TestDatabase.PREFIX).build();
        Identity first = identity("fault-first");
        Identity second = identity("fault-second");
        store.transact(tx -> {
            tx.table(EntityType.IDENTITY).insert(identity("fault-before"));
            return null;
        });
        long changesBefore = store.lastChangeSequence();
        AuditHead headBefore = store.transact(StoreTransaction::lockAuditHead);

        AtomicBoolean kill = new AtomicBoolean(true);
        UnitOfWork<Void> unit = tx -> {
            tx.table(EntityType.IDENTITY).insert(first);
            tx.lockAuditHead();
            if (kill.getAndSet(false)) {
                SessionKiller.kill(dialect, ds.lastSession());
            }
            tx.table(EntityType.IDENTITY).insert(second);
            return null;
        };
        assertThatThrownBy(() -> store.transact(unit)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("jdbc(" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")");
        assertThat(kill).as("the session was killed inside the unit").isFalse();

        assertThat(find(store, first.id())).as("nothing half-written").isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(changesBefore);
        assertThat(store.transact(StoreTransaction::lockAuditHead)).as("the audit head is unchanged and unlocked")
                .isEqualTo(headBefore);

        store.transact(unit);
        assertThat(find(store, first.id())).isPresent();
        assertThat(find(store, second.id())).isPresent();
        assertThat(store.lastChangeSequence()).isEqualTo(changesBefore + 2);
        List<StoreChange> changes = store.changesSince(changesBefore, 10);
        assertThat(changes).extracting(StoreChange::id).containsExactly(first.id().value(), second.id().value());
    }

    @ParameterizedTest
    @EnumSource(value = JdbcDialect.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("Steward: a registration whose session dies mid-unit leaves no identity and no event; the retry succeeds")
    void killedRegistration(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        SwitchableDataSource ds = new SwitchableDataSource(db.newPool(), dialect);
        ds.trackSessions(true);
        HookedStore store = new HookedStore(JdbcStore.builder(ds).tablePrefix(TestDatabase.PREFIX).build());
        try (Steward steward = People.steward(store)) {
            People.human(steward, "alice");
            long identitiesBefore = count(db, "identities");
            long eventsBefore = count(db, "audit_events");

            store.afterInsertIdentity(() -> SessionKiller.kill(dialect, ds.lastSession()));
            assertThatThrownBy(() -> steward.identities().register(IdentitySpec.human("carol"), People.HR))
                    .isInstanceOf(BackendUnavailableException.class);
            assertThat(store.hookRan()).as("the session was killed inside the registration").isTrue();
            assertThat(count(db, "identities")).as("no identity").isEqualTo(identitiesBefore);
            assertThat(count(db, "audit_events")).as("no audit event").isEqualTo(eventsBefore);
            assertThat(steward.identities().query(IdentityQuery.all()).items()).extracting(Identity::name)
                    .containsExactly("alice");

            Identity carol = steward.identities().register(IdentitySpec.human("carol"), People.HR);
            assertThat(steward.identities().get(carol.id()).status()).isEqualTo(IdentityStatus.ACTIVE);
            assertThat(steward.audit().verify().valid()).isTrue();
            List<AuditEvent> events = steward.audit().read(0, 1000);
            assertThat(events).filteredOn(e -> e.action() == AuditAction.IDENTITY_REGISTERED)
                    .extracting(AuditEvent::targetId).containsExactly(events.get(0).targetId(), carol.id().value());
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("store: a driver that throws AssertionError mid-unit fails typed, commits nothing, returns the "
            + "connection to the pool, and the next unit succeeds")
    void driverErrorMidUnit(JdbcDialect dialect) {
        TestDatabase db = DATABASES.fresh(dialect);
        HikariDataSource pool = db.newPool();
        SwitchableDataSource ds = new SwitchableDataSource(pool, dialect);
        JdbcStore store = JdbcStore.builder(ds).tablePrefix(TestDatabase.PREFIX).build();
        Identity first = identity("error-first");
        Identity second = identity("error-second");
        long changesBefore = store.lastChangeSequence();
        AuditHead headBefore = store.transact(StoreTransaction::lockAuditHead);
        UnitOfWork<Void> unit = tx -> {
            tx.table(EntityType.IDENTITY).insert(first);
            tx.lockAuditHead();
            ds.failNextStatement(() -> new AssertionError("the driver's own assert"));
            tx.table(EntityType.IDENTITY).insert(second);
            return null;
        };

        assertThatThrownBy(() -> store.transact(unit)).isInstanceOf(BackendUnavailableException.class)
                .hasCauseInstanceOf(AssertionError.class)
                .hasMessageContaining("jdbc(" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")");
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("the connection went back to the pool")
                .isZero();
        assertThat(find(store, first.id())).as("nothing committed").isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(changesBefore);
        assertThat(store.transact(StoreTransaction::lockAuditHead)).as("the audit head is unchanged and unlocked")
                .isEqualTo(headBefore);

        UnitOfWork<Void> next = tx -> {
            tx.table(EntityType.IDENTITY).insert(first);
            tx.table(EntityType.IDENTITY).insert(second);
            return null;
        };
        store.transact(next);
        assertThat(find(store, second.id())).isPresent();
        assertThat(store.lastChangeSequence()).isEqualTo(changesBefore + 2);

        ds.failNextStatement(() -> new NoClassDefFoundError("org/driver/Missing"));
        assertThatThrownBy(() -> store.lastChangeSequence()).isInstanceOf(BackendUnavailableException.class)
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("secrets: a driver that throws AssertionError fails typed without its message, and the next write succeeds")
    void secretBackendDriverError(JdbcDialect dialect) {
        TestDatabase db = DATABASES.fresh(dialect);
        HikariDataSource pool = db.newPool();
        SwitchableDataSource ds = new SwitchableDataSource(pool, dialect);
        JdbcSecretBackend secrets = JdbcSecretBackend.builder(ds).tablePrefix(TestDatabase.PREFIX).build();
        SecretRef ref = new SecretRef("steward/fault/one");
        ds.failNextStatement(() -> new AssertionError("bound value s3cr3t"));
        assertThatThrownBy(() -> secrets.put(ref, "s3cr3t".getBytes(StandardCharsets.UTF_8), OptionalLong.of(0)))
                .isInstanceOf(BackendUnavailableException.class).hasNoCause()
                .hasMessageContaining("AssertionError").hasMessageNotContaining("s3cr3t");
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(secrets.put(ref, "s3cr3t".getBytes(StandardCharsets.UTF_8), OptionalLong.of(0))).isEqualTo(1);
    }

    private static Optional<Identity> find(JdbcStore store, IdentityId id) {
        return store.transact(tx -> tx.table(EntityType.IDENTITY).find(id.value()));
    }

    private static long count(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TestDatabase.PREFIX + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Identity identity(String id) {
        return Identity.builder().id(IdentityId.of(id)).kind(IdentityKind.SERVICE).name("service " + id)
                .status(IdentityStatus.ACTIVE).environment("prod").purpose("fault test")
                .createdBy(IdentityId.of("system-test")).createdAt(T0).enforcementMode(EnforcementMode.ENFORCE)
                .statusReason("registered").updatedAt(T0).build();
    }

    /** A store that runs a hook, once, right after the next identity insert of a unit of work. */
    private static final class HookedStore implements GovernanceStore {
        private final GovernanceStore inner;
        private volatile Runnable hook;
        private volatile boolean ran;

        HookedStore(GovernanceStore inner) {
            this.inner = inner;
        }

        void afterInsertIdentity(Runnable value) {
            ran = false;
            hook = value;
        }

        boolean hookRan() {
            return ran;
        }

        @Override
        public <T> T transact(UnitOfWork<T> work) {
            return inner.transact(tx -> work.run(hooked(tx)));
        }

        /** The transaction, with the hook run after the identity table's first insert. */
        private StoreTransaction hooked(StoreTransaction tx) {
            return proxy(StoreTransaction.class, tx, "table");
        }

        private <T> T proxy(Class<T> type, T target, String hooked) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (method.getName().equals("table") && args[0] == EntityType.IDENTITY) {
                            return proxy(EntityTable.class, (EntityTable<?>) result, "insert");
                        }
                        Runnable h = hook;
                        if (h != null && hooked.equals("insert") && method.getName().equals("insert")) {
                            hook = null;
                            ran = true;
                            h.run();
                        }
                        return result;
                    }));
        }

        @Override
        public List<StoreChange> changesSince(long afterSequence, int max) {
            return inner.changesSince(afterSequence, max);
        }

        @Override
        public long lastChangeSequence() {
            return inner.lastChangeSequence();
        }

        @Override
        public boolean isDurable() {
            return inner.isDurable();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
