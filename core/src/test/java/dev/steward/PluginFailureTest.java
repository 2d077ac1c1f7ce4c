package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure of the store, an {@link Error} such as {@link AssertionError} or
 * {@link NoClassDefFoundError} as much as a {@link RuntimeException}, reaches the caller as a
 * {@link BackendUnavailableException} naming the store, with the unit rolled back; only a
 * {@link VirtualMachineError} passes as it is. Decisions stay fail-closed, and background work
 * survives.
 */
class PluginFailureTest {
    private final FailingStore store = new FailingStore(InMemoryStore.create());
    private final Fixture f = new Fixture(store, b -> b.syncInterval(Duration.ofMillis(10)));

    @AfterEach
    void close() {
        store.heal();
        store.failChanges(null);
        f.close();
    }

    static Stream<Arguments> failures() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (FailingStore.Stage stage : FailingStore.Stage.values()) {
            all.add(Arguments.of(stage, (Supplier<Throwable>) () -> new AssertionError("driver assert")));
            all.add(Arguments.of(stage, (Supplier<Throwable>) () -> new NoClassDefFoundError("org/driver/Missing")));
            all.add(Arguments.of(stage, (Supplier<Throwable>) () -> new IllegalStateException("driver state")));
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("failures")
    @DisplayName("a store failure of any kind, at begin, mid-unit or at commit, is typed and rolls the unit back")
    void storeFailureIsTyped(FailingStore.Stage stage, Supplier<Throwable> failure) {
        long events = f.steward.audit().read(0, 10_000).size();
        store.fail(stage, "identity.insert", failure);
        assertThatThrownBy(() -> f.steward.identities().register(IdentitySpec.human("carol"), Fixture.HR))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(e -> assertThat(((BackendUnavailableException) e).backend()).isEqualTo("FailingStore"))
                .hasCauseInstanceOf(failure.get().getClass());
        assertThatThrownBy(() -> f.steward.atomically(() -> f.human("dave")))
                .isInstanceOf(BackendUnavailableException.class)
                .hasCauseInstanceOf(failure.get().getClass());
        store.heal();

        assertThat(f.steward.identities().query(IdentityQuery.all()).items()).as("nothing half-written").isEmpty();
        assertThat(f.steward.audit().read(0, 10_000)).hasSize((int) events);
        assertThat(f.human("carol").name()).isEqualTo("carol");
        assertThat(f.steward.audit().verify().valid()).isTrue();
    }

    @Test
    @DisplayName("a read that fails inside a unit fails the unit, typed, even if the work catches it")
    void failedReadInsideUnitFailsIt() {
        Identity alice = f.human("alice");
        store.fail(FailingStore.Stage.MID_UNIT, "identity.find", () -> new AssertionError("driver assert"));
        assertThatThrownBy(() -> f.steward.atomically(() -> {
            try {
                f.steward.identities().get(alice.id());
            } catch (BackendUnavailableException expected) {
                // the work carries on; the unit must not commit
            }
            return f.steward.identities().register(IdentitySpec.human("erin"), Fixture.HR);
        })).isInstanceOf(BackendUnavailableException.class).hasCauseInstanceOf(AssertionError.class);
        store.heal();
        assertThat(f.steward.identities().query(IdentityQuery.all()).items()).extracting(Identity::name)
                .containsExactly("alice");
    }

    @Test
    @DisplayName("a virtual machine error passes as it is, and the unit is rolled back")
    void virtualMachineErrorPasses() {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        store.fail(FailingStore.Stage.MID_UNIT, "identity.insert", () -> oom);
        assertThatThrownBy(() -> f.steward.identities().register(IdentitySpec.human("carol"), Fixture.HR))
                .isSameAs(oom);
        store.heal();
        assertThat(f.steward.identities().query(IdentityQuery.all()).items()).isEmpty();
    }

    @Test
    @DisplayName("the caller's own exceptions leave a unit unchanged, after rollback")
    void callersOwnExceptionPasses() {
        ValidationException own = new ValidationException("order", "the host's own rule");
        AssertionError hostAssert = new AssertionError("the host's own assert");
        assertThatThrownBy(() -> f.steward.atomically(() -> {
            f.human("carol");
            throw own;
        })).isSameAs(own);
        assertThatThrownBy(() -> f.steward.atomically(() -> {
            f.human("carol");
            throw hostAssert;
        })).isSameAs(hostAssert);
        assertThat(f.steward.identities().query(IdentityQuery.all()).items()).isEmpty();
    }

    @Test
    @DisplayName("rule 4: an Error from the audit path is a deny with reason ERROR")
    void authorizeStaysFailClosed() {
        Identity alice = f.human("alice");
        Identity bob = f.human("bob");
        Identity bot = f.agent("bot", alice, bob);
        f.grant(bot, "repo:read", "github:acme/**", bob);
        store.fail(FailingStore.Stage.MID_UNIT, "appendAudit", () -> new AssertionError("driver assert"));
        Decision d = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(DecisionReason.ERROR);
        store.heal();
        assertThat(f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")).allowed()).isTrue();
    }

    @Test
    @DisplayName("the background sync survives an Error from the store and follows the store again once it heals")
    void backgroundSyncSurvivesErrors() throws InterruptedException {
        store.failChanges(() -> new NoClassDefFoundError("org/driver/Missing"));
        assertThatThrownBy(f.steward::refresh).isInstanceOf(BackendUnavailableException.class)
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        Thread.sleep(100);
        store.failChanges(null);
        try (Steward other = Steward.builder().store(store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            Identity carol = other.identities().register(IdentitySpec.human("carol"), Fixture.HR);
            long deadline = System.nanoTime() + 5_000_000_000L;
            Identity seen = null;
            while (seen == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
                seen = f.steward.identities().query(IdentityQuery.all()).items().stream()
                        .filter(i -> i.id().equals(carol.id())).findFirst().orElse(null);
                if (seen != null && f.steward.authorize(AccessRequest.of(carol.id(), "x:y", "r")).reason()
                        == DecisionReason.UNKNOWN_IDENTITY) {
                    seen = null;
                }
            }
            assertThat(seen).as("the other instance's identity reached this one's decisions").isNotNull();
        }
    }
}
