package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tool-call guard driven by a {@link ToolPolicy}, as the agent-framework adapters drive it. */
class ToolPolicyGuardTest {
    private static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
            .tool("merge", "repo:write", "github:{owner}/{repo}")
            .build();

    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void close() {
        f.close();
    }

    private ToolCallGuard guard() {
        return f.steward.guard(bot.id());
    }

    private static ToolInvocation call(String tool, String arguments, String id) {
        return new ToolInvocation(tool, arguments, id);
    }

    private Integer run() {
        return runs.incrementAndGet();
    }

    private AccessDeniedException refused(ToolCallGuard guard, ToolPolicy policy, ToolInvocation invocation) {
        try {
            guard.call(policy, invocation, this::run);
        } catch (AccessDeniedException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    @Test
    @DisplayName("a mapped call is decided on the action and the resource its arguments make; the trail names the tool")
    void mappedCallIsTraced() {
        Grant g = f.grant(bot, "repo:read", "github:acme/**", bob);
        int result = guard().call(POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-1"), this::run);
        assertThat(result).isEqualTo(1);
        List<AuditEvent> trail = f.steward.audit().trail("tc-1");
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        AuditEvent decision = trail.get(0);
        assertThat(decision.targetId()).isEqualTo("github:acme/api/pulls");
        assertThat(decision.details()).containsEntry("tool", "list_pulls").containsEntry("action", "repo:read")
                .containsEntry("grants", g.id().value()).doesNotContainKey("argumentsSha256");
        assertThat(trail.get(1).details()).containsEntry("tool", "list_pulls").containsEntry("decision", "GRANTED");
        assertThat(trail.get(1).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("a denied call does not run, and the model's text names the reason code")
    void deniedCallDoesNotRun() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        AccessDeniedException e = refused(guard(), POLICY, call("merge", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-2"));
        assertThat(e.decision().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(ToolRefusals.describe(e)).isEqualTo(
                "denied by Steward: NO_MATCHING_GRANT (no active grant covers this action and resource)");
        assertThat(runs).hasValue(0);
        assertThat(f.steward.audit().trail("tc-2")).singleElement()
                .satisfies(ev -> assertThat(ev.outcome()).isEqualTo(AuditOutcome.DENIED))
                .satisfies(ev -> assertThat(ev.details()).containsEntry("tool", "merge"));
    }

    @Test
    @DisplayName("an unmapped tool is a recorded deny that targets the tool; a roll-out policy runs it as would-deny")
    void unmappedTool() {
        AccessDeniedException e = refused(guard(), POLICY, call("drop_repo", "{}", "tc-3"));
        assertThat(e.decision().reason()).isEqualTo(DecisionReason.TOOL_NOT_MAPPED);
        assertThat(runs).hasValue(0);
        AuditEvent event = f.steward.audit().trail("tc-3").get(0);
        assertThat(event.targetType()).isEqualTo("tool");
        assertThat(event.targetId()).isEqualTo("drop_repo");
        assertThat(event.reason()).isEqualTo("TOOL_NOT_MAPPED");
        assertThat(event.details()).containsEntry("problem", "the tool policy does not map this tool");

        ToolPolicy rollout = ToolPolicy.builder().unmapped(EnforcementMode.LOG_ONLY).build();
        guard().call(rollout, call("drop_repo", "{}", "tc-4"), this::run);
        assertThat(runs).hasValue(1);
        assertThat(f.steward.audit().trail("tc-4")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.WOULD_DENY, AuditOutcome.SUCCESS);
        assertThat(f.steward.audit().trail("tc-4").get(1).targetType()).isEqualTo("tool");
    }

    @Test
    @DisplayName("a roll-out policy never runs an unmapped tool for an identity that could be allowed nothing")
    void rolloutStillBarsInactiveIdentities() {
        ToolPolicy rollout = ToolPolicy.builder().unmapped(EnforcementMode.LOG_ONLY).build();
        f.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
        assertThat(refused(guard(), rollout, call("drop_repo", "{}", "tc-5")).decision().reason())
                .isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
        assertThat(refused(f.steward.guard(IdentityId.of("ghost")), rollout, call("drop_repo", "{}", "tc-6")).decision().reason())
                .isEqualTo(DecisionReason.UNKNOWN_IDENTITY);
        assertThat(runs).hasValue(0);
    }

    @Test
    @DisplayName("malformed arguments or tool-call ids are recorded INVALID_REQUEST denies, even in log-only, and never quoted")
    void malformedInput() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().setEnforcementMode(bot.id(), EnforcementMode.LOG_ONLY, alice.asActor(), "rollout");
        AccessDeniedException e = refused(guard(), POLICY,
                call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"../hunter2\"}", "tc-7"));
        assertThat(e.decision().reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        AuditEvent event = f.steward.audit().trail("tc-7").get(0);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(event.details().get("problem")).startsWith("argument repo ");
        assertThat(event.toString()).doesNotContain("hunter2");

        assertThat(refused(guard(), POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc\u202E8"))
                .decision().reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        assertThat(f.steward.audit().trail("tc\\u202E8")).singleElement()
                .satisfies(ev -> assertThat(ev.details().get("problem")).startsWith("the tool-call id "));
        assertThat(runs).hasValue(0);
    }

    @Test
    @DisplayName("a policy that records argument digests puts the SHA-256 on the decision, never the arguments")
    void argumentDigest() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        ToolPolicy digesting = ToolPolicy.builder().tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
                .recordArgumentDigest(true).build();
        guard().call(digesting, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\",\"note\":\"alice's salary\"}",
                "tc-9"), this::run);
        List<AuditEvent> trail = f.steward.audit().trail("tc-9");
        assertThat(trail.get(0).details().get("argumentsSha256")).hasSize(64);
        assertThat(trail.get(1).details()).containsKey("argumentsSha256");
        assertThat(trail.toString()).doesNotContain("salary");
    }

    @Test
    @DisplayName("on behalf of a human: the chain is decided and recorded as for any guarded call")
    void chain() {
        f.grant(alice, "repo:read", "github:acme/**", bob);
        f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**").delegatedBy(alice.id())
                .validFor(Duration.ofHours(1)).justification("for alice"), bob);
        guard().onBehalfOf(alice.id()).call(POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-10"),
                this::run);
        assertThat(f.steward.audit().trail("tc-10")).allSatisfy(ev -> assertThat(ev.onBehalfOf())
                .containsExactly(alice.id()));
        assertThat(refused(guard(), POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-11"))
                .decision().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
    }

    @Test
    @DisplayName("mayCall previews what a tool list may offer, and records nothing")
    void mayCall() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        long before = f.steward.audit().read(0, 10_000).size();
        assertThat(guard().mayCall(POLICY, "list_pulls")).isTrue();
        assertThat(guard().mayCall(POLICY, "merge")).isFalse();
        assertThat(guard().mayCall(POLICY, "drop_repo")).isFalse();
        ToolPolicy narrow = ToolPolicy.builder().tool("gitlab_pulls", "repo:read", "gitlab:{owner}/{repo}/pulls")
                .tool("one", "repo:read", "github:{owner}").tool("exact", "repo:read", "github:acme/api")
                .tool("prefixed", "repo:read", "github:ac{rest}/{repo}")
                .tool("other_prefix", "repo:read", "github:um{rest}/{repo}")
                .tool("other_owner", "repo:read", "github:umbrella/{repo}").build();
        assertThat(guard().mayCall(narrow, "gitlab_pulls")).isFalse();
        assertThat(guard().mayCall(narrow, "one")).as("** needs one more segment").isFalse();
        assertThat(guard().mayCall(narrow, "exact")).isTrue();
        assertThat(guard().mayCall(narrow, "prefixed")).isTrue();
        assertThat(guard().mayCall(narrow, "other_prefix")).isFalse();
        assertThat(guard().mayCall(narrow, "other_owner")).isFalse();
        assertThat(guard().mayCall(ToolPolicy.builder().unmapped(EnforcementMode.LOG_ONLY).build(), "x")).isTrue();

        f.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
        assertThat(guard().mayCall(POLICY, "list_pulls")).isFalse();
        f.steward.identities().setEnforcementMode(bot.id(), EnforcementMode.LOG_ONLY, alice.asActor(), "rollout");
        assertThat(guard().mayCall(POLICY, "merge")).isTrue();
        assertThat(f.steward.audit().read(0, 10_000)).hasSize((int) before + 2);
    }

    @Test
    @DisplayName("a result in which the tool reports a failure is returned as it is and recorded as a failure")
    void reportedFailure() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        String result = guard().call(POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-12"),
                () -> "error: rate limited", r -> r.startsWith("error:"));
        assertThat(result).isEqualTo("error: rate limited");
        AuditEvent outcome = f.steward.audit().trail("tc-12").get(1);
        assertThat(outcome.outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertThat(outcome.details()).containsEntry("error", "reported by the tool");
        guard().call(POLICY, call("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "tc-13"), () -> "ok",
                r -> r.startsWith("error:"));
        assertThat(f.steward.audit().trail("tc-13").get(1).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("a refusal that is no decision tells the model that Steward failed closed, without internals")
    void refusalWithoutDecision() {
        assertThat(ToolRefusals.describe(new AuditFailureException("memory", new IllegalStateException("disk full"))))
                .isEqualTo("refused by Steward: ERROR (the call could not be decided or recorded; denied to fail closed)");
        assertThatThrownBy(() -> ToolRefusals.describe(null)).isInstanceOf(NullPointerException.class);
    }
}
