package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.SweepReport;
import dev.steward.authz.ToolCallGuard;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Story 4. The owner of an agent leaves the company. HR retires him; with no successor, his agent
 * is flagged orphaned and keeps working through the grace period of the orphan policy
 * ({@link World#ORPHAN_GRACE}). Once that has passed, its calls are denied at decision time, and
 * the lifecycle sweep suspends it.
 */
public final class OwnerLeaves {
    /** The agent's name. */
    public static final String AGENT = "report-bot";
    private static final String REPORT = "s3:finance/reports/2026-q1.pdf";

    /**
     * What the story showed.
     *
     * @param beforeLeaving a call while the owner is still there
     * @param orphaned the agent right after its owner was retired
     * @param duringGrace a call within the grace period
     * @param afterGrace a call once the grace period has passed, before any sweep
     * @param sweep what the lifecycle sweep changed
     * @param suspended the agent after the sweep
     * @param afterSweep a call after the sweep
     */
    public record Result(ToolCallOutcome beforeLeaving, Identity orphaned, ToolCallOutcome duringGrace,
            ToolCallOutcome afterGrace, SweepReport sweep, Identity suspended, ToolCallOutcome afterSweep) {
    }

    private final World world;

    /** @param world the shared setting */
    public OwnerLeaves(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(4, "The owner leaves: an orphaned agent is cut off after its grace period");

        Identity frank = world.person("frank@acme.example");
        Identity heidi = world.person("heidi@acme.example");
        Identity bot = steward.identities().register(IdentitySpec.agent(AGENT).owner(frank.id())
                .expiresIn(Duration.ofDays(30)).purpose("compile the quarterly finance reports"), frank.asActor());
        steward.identities().approve(bot.id(), heidi.asActor(), "FIN-3");
        Grant read = steward.grants().request(GrantSpec.to(bot.id()).allow("reports:read").on("s3:finance/reports/**")
                .validFor(Duration.ofDays(14)).justification("FIN-3: quarterly close"), frank.asActor());
        steward.grants().approve(read.id(), heidi.asActor(), "FIN-3");
        n.check(true, "frank owns " + AGENT + "; heidi approves it and its reports:read grant for 14 days");

        ToolCallGuard guard = steward.guard(bot.id());
        ToolCallOutcome before = world.call(guard, "reports:read", REPORT, "tc-401", () -> "Q1 report");
        n.call(AGENT, before);

        steward.identities().retire(frank.id(), World.HR, "left the company");
        Identity orphaned = steward.identities().get(bot.id());
        n.step("HR retires frank: he left the company, and no manager is known to take over");
        n.detail(AGENT + " is flagged orphaned (still " + orphaned.status() + "), grace period "
                + World.ORPHAN_GRACE.toDays() + " days");
        ToolCallOutcome duringGrace = world.call(guard, "reports:read", REPORT, "tc-402", () -> "Q1 report");
        n.call(AGENT, duringGrace);
        n.detail("within the grace period: time to hand the agent to a new owner");

        n.letPass(World.ORPHAN_GRACE);
        ToolCallOutcome afterGrace = world.call(guard, "reports:read", REPORT, "tc-403", () -> "Q1 report");
        n.call(AGENT, afterGrace);
        n.detail("denied at decision time, before any sweep has run");

        SweepReport sweep = steward.sweep();
        Identity suspended = steward.identities().get(bot.id());
        n.step("the lifecycle sweep suspends " + sweep.orphansSuspended() + " orphan and expires "
                + sweep.grantsExpired() + " grants that had ended");
        n.detail(AGENT + " is now " + suspended.status() + ": " + suspended.statusReason());
        ToolCallOutcome afterSweep = world.call(guard, "reports:read", REPORT, "tc-404", () -> "Q1 report");
        n.call(AGENT, afterSweep);
        return new Result(before, orphaned, duringGrace, afterGrace, sweep, suspended, afterSweep);
    }
}
