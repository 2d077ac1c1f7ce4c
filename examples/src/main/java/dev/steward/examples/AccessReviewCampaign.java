package dev.steward.examples;

import dev.steward.GovernanceRule;
import dev.steward.PolicyViolationException;
import dev.steward.Steward;
import dev.steward.authz.ToolCallGuard;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewReport;
import dev.steward.review.UndecidedPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Story 7. A short access-review campaign over the agents one person owns. Each item shows its
 * usage evidence; the owner certifies what is used and revokes what is not, which takes effect at
 * once; the agent itself may not review; what is left undecided is revoked when the campaign
 * closes. The report is written as a self-contained HTML page, with CSV and JSON beside it, to
 * {@code target/steward-reviews/} under the working directory (or {@code steward.examples.out}).
 */
public final class AccessReviewCampaign {
    /** The agent's name. */
    public static final String AGENT = "docs-bot";

    /**
     * What the story showed.
     *
     * @param cycle the campaign, closed
     * @param items its items after the close
     * @param agentReview the rule under which the agent's own review was refused
     * @param afterRevoke the unused write, tried after its revocation
     * @param report the evidence report
     * @param html where the HTML report was written
     */
    public record Result(ReviewCycle cycle, List<ReviewItem> items, GovernanceRule agentReview,
            ToolCallOutcome afterRevoke, ReviewReport report, Path html) {
    }

    private final World world;

    /** @param world the shared setting */
    public AccessReviewCampaign(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(7, "An access-review campaign: evidence, decisions, a report for the auditor");

        Identity grace = world.person("grace@acme.example");
        Identity ivan = world.person("ivan@acme.example");
        Identity bot = steward.identities().register(IdentitySpec.agent(AGENT).owner(grace.id())
                .expiresIn(Duration.ofDays(60)).purpose("keep the API docs in sync"), grace.asActor());
        steward.identities().approve(bot.id(), ivan.asActor(), "DOC-7");
        Grant read = grant(steward, bot, "repo:read", ivan);
        Grant write = grant(steward, bot, "repo:write", ivan);
        IssuedCredential key = steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("docs-ci"),
                grace.asActor());
        ToolCallGuard guard = steward.guard(bot.id());
        world.call(guard, "repo:read", "github:acme/docs/api.md", "tc-701", () -> "api.md");
        world.call(guard, "repo:read", "github:acme/docs/index.md", "tc-702", () -> "index.md");
        n.step("grace owns " + AGENT + ": read and write on github:acme/docs/**, an API key; it read twice, never wrote");

        n.letPass(Duration.ofDays(1));
        ReviewCycle cycle = steward.reviews().open(ReviewCycleSpec.named("Q2 agent access, grace's agents")
                .owners(grace.id()).fallbackReviewer(ivan.id()).dueIn(Duration.ofDays(7))
                .undecided(UndecidedPolicy.REVOKE), World.HR);
        List<ReviewItem> items = items(steward, cycle);
        n.step("the GRC team opens a campaign over grace's agents: " + cycle.itemCount() + " items, due in 7 days");
        for (ReviewItem i : items) {
            String what = i.kind() == ReviewItemKind.OWNERSHIP ? "OWNERSHIP of " + AGENT
                    : i.kind() + " " + i.summary() + " · used " + i.useCount() + "×";
            n.detail(what + " · reviewer " + world.nameOf(i.reviewer().orElseThrow()));
        }

        GovernanceRule refused = null;
        try {
            steward.reviews().decide(itemOf(items, read.id().value()).id(), ReviewDecision.CERTIFY, bot.asActor(),
                    "I need it");
        } catch (PolicyViolationException e) {
            refused = e.rule();
            n.refused(AGENT + " tries to certify its own access", e.rule());
        }

        n.letPass(Duration.ofDays(2));
        steward.reviews().decide(itemOf(items, read.id().value()).id(), ReviewDecision.CERTIFY, grace.asActor(),
                "used daily to sync the docs");
        steward.reviews().decide(itemOf(items, write.id().value()).id(), ReviewDecision.REVOKE, grace.asActor(),
                "never used; the bot only reads");
        steward.reviews().decide(itemOf(items, bot.id().value()).id(), ReviewDecision.CERTIFY, grace.asActor(),
                "still needed");
        n.check(true, "grace certifies the read and the ownership, revokes the unused write: revoked at once");
        ToolCallOutcome afterRevoke = world.call(guard, "repo:write", "github:acme/docs/api.md", "tc-703",
                () -> "pushed");
        n.call(AGENT, afterRevoke);

        n.letPass(Duration.ofDays(5));
        ReviewCycle closed = steward.reviews().close(cycle.id(), World.HR, "due date reached");
        ReviewReport report = steward.reviews().report(cycle.id());
        n.step("the campaign closes: the undecided API key " + key.credential().fingerprint()
                + " is revoked by the close policy");
        n.detail("certified " + report.count(ReviewDecision.CERTIFY) + ", revoked " + report.count(ReviewDecision.REVOKE)
                + ", left undecided " + report.lapsed() + ", revocations applied " + report.revocationsApplied()
                + ", median time to decision " + report.timeToDecision().median().map(Duration::toHours).orElse(0L)
                + " h");
        Path html = write(report, cycle);
        n.check(true, "report for the auditor: " + html.toAbsolutePath() + " (and .csv, .json)");
        return new Result(closed, items(steward, cycle), refused, afterRevoke, report, html);
    }

    private static Grant grant(Steward steward, Identity bot, String action, Identity approver) {
        Grant g = steward.grants().request(GrantSpec.to(bot.id()).allow(action).on("github:acme/docs/**")
                .validFor(Duration.ofDays(30)).justification("DOC-7"), World.HR);
        return steward.grants().approve(g.id(), approver.asActor(), "DOC-7");
    }

    private static List<ReviewItem> items(Steward steward, ReviewCycle cycle) {
        return steward.reviews().items(ReviewItemQuery.all().cycle(cycle.id())).items();
    }

    private static ReviewItem itemOf(List<ReviewItem> items, String target) {
        return items.stream().filter(i -> i.target().equals(target)).findFirst().orElseThrow();
    }

    private static Path write(ReviewReport report, ReviewCycle cycle) {
        Path dir = Path.of(System.getProperty("steward.examples.out", "target"), "steward-reviews");
        String stem = "access-review-" + cycle.id().value();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(stem + ".csv"), report.toCsv(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(stem + ".json"), report.toJson(), StandardCharsets.UTF_8);
            return Files.writeString(dir.resolve(stem + ".html"), report.toHtml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be written to " + dir.toAbsolutePath(), e);
        }
    }
}
