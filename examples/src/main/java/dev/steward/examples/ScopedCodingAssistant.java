package dev.steward.examples;

import dev.steward.GovernanceRule;
import dev.steward.PolicyViolationException;
import dev.steward.Steward;
import dev.steward.authz.ToolCallGuard;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Story 1. An AI coding assistant gets repository access only through an agent identity of its
 * own: registered by the platform team, owned and approved by its business owner (never by the
 * person who registered it), with a grant scoped to one repository and limited to eight hours.
 * Every tool call goes through the guard and is logged; the grant's end is enforced at decision
 * time, without waiting for any sweep.
 */
public final class ScopedCodingAssistant {
    /** The agent's name. */
    public static final String AGENT = "code-assistant";

    /**
     * What the story showed.
     *
     * @param selfApproval the rule under which the registrar's own approval was refused
     * @param grant the eight-hour read grant
     * @param read the read of a pull request, within the grant
     * @param write the push to main, which no grant covers
     * @param readAfterExpiry the same read once the eight hours have passed
     */
    public record Result(GovernanceRule selfApproval, Grant grant, ToolCallOutcome read, ToolCallOutcome write,
            ToolCallOutcome readAfterExpiry) {
    }

    private final World world;

    /** @param world the shared setting */
    public ScopedCodingAssistant(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(1, "An AI coding assistant gets scoped, time-bound repository access");

        Identity alice = world.person("alice@acme.example");
        Identity dave = world.person("dave@acme.example");
        n.step("HR has registered alice (business owner of acme/api) and dave (platform team)");

        Identity bot = steward.identities().register(IdentitySpec.agent(AGENT).owner(alice.id())
                .expiresIn(Duration.ofDays(30)).purpose("review pull requests on acme/api"), dave.asActor());
        n.step("dave registers agent " + AGENT + ", owned by alice, for 30 days: " + bot.status());
        GovernanceRule selfApproval = refusedUnder(
                () -> steward.identities().approve(bot.id(), dave.asActor(), "SEC-42"));
        n.refused("dave tries to approve the agent he registered", selfApproval);
        Identity approved = steward.identities().approve(bot.id(), alice.asActor(), "SEC-42");
        n.check(true, "alice, its owner, approves it under SEC-42: " + approved.status());

        Grant grant = steward.grants().request(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/api/**")
                .validFor(Duration.ofHours(8)).justification("SEC-42: review today's pull requests"), dave.asActor());
        grant = steward.grants().approve(grant.id(), alice.asActor(), "SEC-42");
        n.check(true, "alice approves dave's request: repo:read on github:acme/api/** for 8 hours");
        n.detail("valid until " + grant.validUntil().orElseThrow());

        ToolCallGuard guard = steward.guard(bot.id());
        ToolCallOutcome read = world.call(guard, "repo:read", "github:acme/api/pulls/42", "tc-101",
                () -> "diff of pull request #42");
        n.call(AGENT, read);
        n.detail("the tool ran and returned the " + read.output().orElseThrow() + "; decision logged as "
                + read.auditEventId());
        ToolCallOutcome write = world.call(guard, "repo:write", "github:acme/api/branches/main", "tc-102",
                () -> "pushed to main");
        n.call(AGENT, write);
        n.detail("the push never ran; the denial is audit event " + write.auditEventId());

        n.letPass(Duration.ofHours(8));
        ToolCallOutcome late = world.call(guard, "repo:read", "github:acme/api/pulls/42", "tc-103",
                () -> "diff of pull request #42");
        n.call(AGENT, late);
        n.detail("the grant ended at decision time; no sweep was needed");
        return new Result(selfApproval, grant, read, write, late);
    }

    /**
     * @param change a change Steward is expected to refuse
     * @return the governance rule it was refused under
     * @throws IllegalStateException if the change went through
     */
    private static GovernanceRule refusedUnder(Runnable change) {
        try {
            change.run();
        } catch (PolicyViolationException e) {
            return e.rule();
        }
        throw new IllegalStateException("the change was expected to be refused");
    }
}
