package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.EnforcementMode;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ToolCallGuardTest {
    private final FailingStore store = new FailingStore(InMemoryStore.create());
    private final Fixture f = new Fixture(store, b -> b.decisionAudit(DecisionAuditMode.BUFFERED));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        store.failAudit = false;
        f.close();
    }

    private List<AuditEvent> eventsFor(String toolCallId) {
        return f.steward.audit().read(0, 10_000).stream()
                .filter(e -> e.correlationId().filter(toolCallId::equals).isPresent()).toList();
    }

    @Test
    @DisplayName("an allowed call runs, and its decision and outcome are traceable to identity, grant and tool-call id")
    void allowedCallIsTraced() {
        Grant g = f.grant(bot, "repo:read", "github:acme/**", bob);
        String diff = f.steward.guard(bot.id()).call("repo:read", "github:acme/api/pulls", "call-1", () -> "diff");
        assertThat(diff).isEqualTo("diff");
        List<AuditEvent> events = eventsFor("call-1");
        assertThat(events).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(events.get(0).details()).containsEntry("grants", g.id().value());
        assertThat(events.get(0).actor()).isEqualTo(bot.id());
        assertThat(events.get(1).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("enforce: a denied call does not run")
    void deniedCallDoesNotRun() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> f.steward.guard(bot.id()).call("repo:write", "github:acme/api", "call-2",
                runs::incrementAndGet))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.decision().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT));
        assertThat(runs).hasValue(0);
        assertThat(eventsFor("call-2")).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("log-only: a denied call runs and is recorded as would-deny")
    void logOnly() {
        f.steward.identities().setEnforcementMode(bot.id(), EnforcementMode.LOG_ONLY, alice.asActor(), "rollout");
        AtomicInteger runs = new AtomicInteger();
        f.steward.guard(bot.id()).call("repo:write", "github:acme/api", "call-3", runs::incrementAndGet);
        assertThat(runs).hasValue(1);
        assertThat(eventsFor("call-3")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.WOULD_DENY, AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("log-only still refuses a malformed request: it is no policy outcome, and is recorded as denied")
    void logOnlyRefusesMalformedRequests() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().setEnforcementMode(bot.id(), EnforcementMode.LOG_ONLY, alice.asActor(), "rollout");
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> f.steward.guard(bot.id()).call("repo:read", "github:acme/api/../secrets", "call-6",
                runs::incrementAndGet))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.decision().reason()).isEqualTo(DecisionReason.INVALID_REQUEST));
        assertThat(runs).hasValue(0);
        assertThat(eventsFor("call-6")).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("the call runs only once its decision event is stored")
    void runsOnlyAfterDecisionIsStored() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        store.failAudit = true;
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> f.steward.guard(bot.id()).call("repo:read", "github:acme/api", "call-4",
                runs::incrementAndGet)).isInstanceOf(AuditFailureException.class);
        assertThat(runs).hasValue(0);
        store.failAudit = false;
        f.steward.guard(bot.id()).call("repo:read", "github:acme/api", "call-5", runs::incrementAndGet);
        assertThat(runs).hasValue(1);
        assertThat(eventsFor("call-4")).isEmpty();
    }

    @Test
    @DisplayName("a failing tool's exception passes through and its failure is recorded")
    void toolFailureIsRecorded() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        assertThatThrownBy(() -> f.steward.guard(bot.id()).call("repo:read", "github:acme/api", "call-6", () -> {
            throw new IOException("network down");
        })).isInstanceOf(IOException.class);
        List<AuditEvent> events = eventsFor("call-6");
        assertThat(events.get(1).outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertThat(events.get(1).details()).containsEntry("error", "java.io.IOException");
    }
}
