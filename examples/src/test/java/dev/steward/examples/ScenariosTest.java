package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.GovernanceRule;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.AuditVerification;
import dev.steward.authz.DecisionReason;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.SecretScanner;
import dev.steward.credential.VerificationFailure;
import dev.steward.grant.Grant;
import dev.steward.identity.IdentityStatus;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs the eight stories once, into a buffer, and checks what each of them showed. */
class ScenariosTest {
    private static final Pattern FULL_KEY =
            Pattern.compile("stw_[a-z]{2}_[0-9A-Za-z]{22}_[0-9A-Za-z]{43}_[0-9A-Za-z]{6}");
    private static Scenarios.Outcomes outcomes;
    private static String story;

    @BeforeAll
    static void tellTheStories() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (World world = World.inMemory()) {
            outcomes = Scenarios.runAll(new PrintStream(buffer, true, StandardCharsets.UTF_8), world);
        }
        story = buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("1: the registrar cannot approve; a scoped read is allowed, a write denied, the read denied after 8 hours")
    void scopedTimeBoundAgent() {
        ScopedCodingAssistant.Result r = outcomes.story1();
        assertThat(r.selfApproval()).isEqualTo(GovernanceRule.SEPARATION_OF_DUTIES);
        assertThat(r.read().allowed()).isTrue();
        assertThat(r.read().reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(r.read().grants()).containsExactly(r.grant().id());
        assertThat(r.read().output()).isPresent();
        assertThat(r.write().allowed()).isFalse();
        assertThat(r.write().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(r.write().output()).as("a denied call does not run").isEmpty();
        assertThat(r.readAfterExpiry().allowed()).isFalse();
        assertThat(r.readAfterExpiry().reason()).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
    }

    @Test
    @DisplayName("2: each allowed call is traced to its own grant and audit event; the tool-call id ties the trail together")
    void tracedToolCalls() {
        TracedToolCalls.Result r = outcomes.story2();
        List<ToolCallOutcome> calls = r.calls();
        assertThat(calls).extracting(ToolCallOutcome::reason).containsExactly(DecisionReason.GRANTED,
                DecisionReason.GRANTED, DecisionReason.GRANTED, DecisionReason.NO_MATCHING_GRANT);
        assertThat(calls.get(0).grants()).containsExactly(r.ticketGrant());
        assertThat(calls.get(1).grants()).containsExactly(r.queryGrant());
        assertThat(calls.get(2).grants()).containsExactly(r.updateGrant());
        assertThat(calls.get(3).grants()).isEmpty();
        assertThat(calls).extracting(ToolCallOutcome::auditEventId).doesNotHaveDuplicates();

        ToolCallOutcome traced = calls.get(2);
        assertThat(traced.toolCallId()).startsWith(TracedToolCalls.TRACED_CALL + ".");
        assertThat(r.trail()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(r.trail()).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.ALLOWED, AuditOutcome.SUCCESS);
        assertThat(r.trail().get(0).id()).isEqualTo(traced.auditEventId());
        assertThat(r.trail().get(0).details()).containsEntry("grants", r.updateGrant().value());
        assertThat(r.trail()).extracting(AuditEvent::actor).containsOnly(r.trail().get(0).actor());
    }

    @Test
    @DisplayName("3: the downstream agent is denied until it holds a grant delegated by the assistant, and only on its behalf")
    void delegationToDownstreamAgent() {
        DelegatedDownstreamAgent.Result r = outcomes.story3();
        assertThat(r.assistantRead().reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(r.downstreamWithoutGrant().reason()).isEqualTo(DecisionReason.NOT_DELEGATED);
        assertThat(r.downstreamOwnAccount().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(r.downstreamDelegated().allowed()).isTrue();
        assertThat(r.downstreamDelegated().grants())
                .as("the researcher's grant, the assistant's, and the human's own")
                .containsExactlyElementsOf(r.chain().stream().map(Grant::id).toList());
        assertThat(r.chain().get(0).delegatedBy()).isPresent();
        assertThat(r.chain().get(1).delegatedBy()).isPresent();
        assertThat(r.chain().get(2).delegatedBy()).isEmpty();
    }

    @Test
    @DisplayName("4: the orphan works through its grace period, is denied as ORPHANED, suspended by the sweep, then IDENTITY_NOT_ACTIVE")
    void ownerLeaves() {
        OwnerLeaves.Result r = outcomes.story4();
        assertThat(r.beforeLeaving().reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(r.orphaned().isOrphaned()).isTrue();
        assertThat(r.orphaned().status()).isEqualTo(IdentityStatus.ACTIVE);
        assertThat(r.duringGrace().reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(r.afterGrace().reason()).isEqualTo(DecisionReason.ORPHANED);
        assertThat(r.sweep().orphansSuspended()).isEqualTo(1);
        assertThat(r.suspended().status()).isEqualTo(IdentityStatus.SUSPENDED);
        assertThat(r.afterSweep().allowed()).isFalse();
        assertThat(r.afterSweep().reason()).isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
    }

    @Test
    @DisplayName("5: the log and its export verify; the edited export is broken exactly at the edited position")
    void tamperEvidentAudit() {
        TamperEvidentAudit.Result r = outcomes.story5();
        assertThat(r.live().valid()).isTrue();
        assertThat(r.export().valid()).isTrue();
        AuditVerification tampered = r.tampered();
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.problem()).isEqualTo(AuditVerification.Problem.HASH_MISMATCH);
        assertThat(tampered.firstBrokenSequence()).hasValue(r.edited().sequence());
        assertThat(r.edited().id())
                .as("the edited line is the decision that denied story 1's write")
                .isEqualTo(outcomes.story1().write().auditEventId());
    }

    @Test
    @DisplayName("6: the scanner finds the leaked key where it was; it is revoked, then rejected; the replacement verifies")
    void leakedKey() {
        LeakedKey.Result r = outcomes.story6();
        assertThat(r.firstUse().isValid()).isTrue();
        assertThat(r.findings()).hasSize(1);
        SecretScanner.Finding leak = r.findings().get(0);
        assertThat(leak.start()).isEqualTo(r.leakOffset());
        assertThat(leak.end()).isEqualTo(r.leakOffset() + KeyFormat.LENGTH);
        assertThat(leak.credentialId()).isEqualTo(r.issued().id());
        assertThat(leak.fingerprint()).isEqualTo(r.issued().fingerprint());
        assertThat(r.exposure().credential().status()).isEqualTo(CredentialStatus.REVOKED);
        assertThat(r.exposure().owner()).isPresent();
        assertThat(story).contains("owner told: olivia@acme.example", r.exposure().auditEventId().toString());
        assertThat(r.afterExposure().failure()).contains(VerificationFailure.REVOKED);
        assertThat(r.replacement().predecessor()).contains(r.issued().id());
        assertThat(r.replacementUse().isValid()).isTrue();
        assertThat(r.replacementUse().identity()).isEqualTo(r.firstUse().identity());
    }

    @Test
    @DisplayName("6: the stored password's checkout is denied without a grant, allowed with one, and printed as a length")
    void storedSecretCheckout() {
        LeakedKey.Result r = outcomes.story6();
        ToolCallOutcome before = r.checkoutWithoutGrant();
        assertThat(before.allowed()).isFalse();
        assertThat(before.reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(before.action()).isEqualTo(CredentialService.CHECKOUT_ACTION);
        assertThat(before.output()).as("a denied checkout reads nothing").isEmpty();
        ToolCallOutcome after = r.checkoutWithGrant();
        assertThat(after.allowed()).isTrue();
        assertThat(after.reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(after.resource()).isEqualTo(before.resource()).startsWith("steward:secret/");
        assertThat(after.grants()).hasSize(1);
        assertThat(after.output()).contains("checked out (" + PostgresRoleRotation.PASSWORD_LENGTH + " characters)");
    }

    @Test
    @DisplayName("7: the campaign certifies what is used, revokes what is not at once, refuses the agent's own review, revokes the undecided key at close, and writes the report")
    void accessReviewCampaign() throws java.io.IOException {
        AccessReviewCampaign.Result r = outcomes.story7();
        assertThat(r.cycle().status()).isEqualTo(ReviewCycleStatus.CLOSED);
        assertThat(r.items()).hasSize(4);
        assertThat(r.agentReview()).isEqualTo(GovernanceRule.HUMAN_REQUIRED);
        assertThat(r.afterRevoke().allowed()).isFalse();
        assertThat(r.afterRevoke().reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(r.report().count(ReviewDecision.CERTIFY)).isEqualTo(2);
        assertThat(r.report().count(ReviewDecision.REVOKE)).isEqualTo(1);
        assertThat(r.report().lapsed()).isEqualTo(1);
        assertThat(r.report().revocationsApplied()).isEqualTo(2);
        assertThat(r.items()).filteredOn(i -> i.useCount() == 2).hasSize(1);
        String html = java.nio.file.Files.readString(r.html());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script");
        assertThat(story).contains(r.html().toAbsolutePath().toString());
    }

    @Test
    @DisplayName("8: tools/list hides close_ticket; the read and the comment run for the agent on behalf of dana, each matched by its delegated grant and dana's own")
    void mcpAllowedCalls() {
        McpTicketDesk.Result r = outcomes.story8();
        assertThat(r.listedBefore()).containsExactly("read_ticket", "comment_ticket");
        for (McpTicketDesk.ToolUse use : List.of(r.read(), r.comment())) {
            assertThat(use.isError()).isFalse();
            assertThat(use.decision().allowed()).isTrue();
            assertThat(use.decision().reason()).isEqualTo(DecisionReason.GRANTED);
            assertThat(use.decision().resource()).isEqualTo("tickets:ops/7");
            assertThat(use.decision().output()).contains(use.text());
        }
        assertThat(r.read().decision().action()).isEqualTo("ticket:read");
        assertThat(r.read().text()).isEqualTo("ticket ops/7: VPN drops every hour (open, 0 comments)");
        assertThat(r.read().decision().grants()).as("the agent's grant delegated by dana, then dana's own")
                .containsExactly(r.reads().id(), r.owners().id());
        assertThat(r.comment().decision().action()).isEqualTo("ticket:comment");
        assertThat(r.comment().text()).isEqualTo("comment 1 added to ticket ops/7");
        assertThat(r.comment().decision().grants()).containsExactly(r.comments().id(), r.owners().id());
        assertThat(r.reads().delegatedBy()).contains(r.owners().grantee());
        assertThat(r.comments().delegatedBy()).contains(r.owners().grantee());
        assertThat(story).contains("tools/list shows read_ticket, comment_ticket", "the model reads: " + r.read().text());
    }

    @Test
    @DisplayName("8: the close, and the comment after dana revokes the grant, reach the model as Steward's refusal and never run")
    void mcpRefusedCalls() {
        McpTicketDesk.Result r = outcomes.story8();
        String refusal = "denied by Steward: NOT_DELEGATED (" + DecisionReason.NOT_DELEGATED.message() + ")";
        for (McpTicketDesk.ToolUse use : List.of(r.close(), r.commentAfterRevoke())) {
            assertThat(use.isError()).isTrue();
            assertThat(use.text()).isEqualTo(refusal);
            assertThat(use.decision().allowed()).isFalse();
            assertThat(use.decision().reason()).isEqualTo(DecisionReason.NOT_DELEGATED);
            assertThat(use.decision().grants()).isEmpty();
            assertThat(use.decision().output()).as("a denied call does not run").isEmpty();
        }
        assertThat(r.close().decision().action()).isEqualTo("ticket:close");
        assertThat(r.commentAfterRevoke().decision().action()).isEqualTo("ticket:comment");
        assertThat(r.runs()).as("how often each tool's body ran")
                .containsExactlyInAnyOrderEntriesOf(Map.of("read_ticket", 1, "comment_ticket", 1, "close_ticket", 0));
        assertThat(r.listedAfter()).containsExactly("read_ticket");
        assertThat(story).contains("the model reads an error result: " + refusal);
    }

    @Test
    @DisplayName("8: each call's correlation id is mcp:<session>:<request id>; the read's trail is its decision, then its outcome, by the agent for dana")
    void mcpTrail() {
        McpTicketDesk.Result r = outcomes.story8();
        List<String> ids = Stream.of(r.read(), r.comment(), r.close(), r.commentAfterRevoke())
                .map(u -> u.decision().toolCallId()).toList();
        assertThat(ids).allMatch(id -> id.matches("mcp:[0-9a-f-]{36}:.+")).doesNotHaveDuplicates();
        assertThat(ids).extracting(id -> id.split(":")[1]).as("one MCP session").containsOnly(ids.get(0).split(":")[1]);

        List<AuditEvent> trail = r.trail();
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(trail).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.ALLOWED, AuditOutcome.SUCCESS);
        assertThat(trail.get(0).id()).isEqualTo(r.read().decision().auditEventId());
        assertThat(trail.get(0).details()).containsEntry("grants", r.reads().id().value() + "," + r.owners().id().value());
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(r.reads().grantee());
            assertThat(e.onBehalfOf()).containsExactly(r.owners().grantee());
            assertThat(e.targetId()).isEqualTo("tickets:ops/7");
            assertThat(e.correlationId()).contains(r.read().decision().toolCallId());
            assertThat(e.details()).containsEntry("tool", "read_ticket").containsEntry("action", "ticket:read");
        });
        assertThat(story).contains("the audit trail of the read_ticket call " + r.read().decision().toolCallId(),
                "#" + trail.get(1).sequence() + " TOOL_CALL_COMPLETED SUCCESS by " + McpTicketDesk.AGENT);
    }

    @Test
    @DisplayName("nothing secret is printed: no full key, not the database password")
    void nothingSecretPrinted() {
        assertThat(FULL_KEY.matcher(story).find()).as("a full key in the printed story").isFalse();
        assertThat(story).doesNotContain(new String(outcomes.story6().databasePassword().chars()));
        assertThat(story).contains(outcomes.story6().issued().fingerprint(), "[redacted ");
    }

    @Test
    @DisplayName("the printed story has eight headings and ✔/✘ steps with their reason codes")
    void printedStory() {
        assertThat(story).contains("\n1 · ", "\n2 · ", "\n3 · ", "\n4 · ", "\n5 · ", "\n6 · ", "\n7 · ", "\n8 · ");
        assertThat(story).contains("✔", "✘", "GRANT_NOT_VALID_NOW", "ORPHANED", "IDENTITY_NOT_ACTIVE");
        assertThat(story).contains("HASH_MISMATCH at position " + outcomes.story5().edited().sequence());
    }
}
