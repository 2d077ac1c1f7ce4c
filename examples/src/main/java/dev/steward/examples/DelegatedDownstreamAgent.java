package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.authz.ToolCallGuard;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Story 3. A human approves a prompt, and an assistant acts on her behalf; a downstream agent the
 * assistant starts is denied the internal knowledge base until it holds a grant of its own,
 * delegated by the assistant. Delegation attenuates: a delegated grant works only on behalf of
 * its delegator, and every link of the chain must hold the permission too.
 */
public final class DelegatedDownstreamAgent {
    /** The agent the human prompts. */
    public static final String ASSISTANT = "incident-assistant";
    /** The agent the assistant starts. */
    public static final String RESEARCHER = "doc-researcher";
    private static final String RUNBOOK = "confluence:internal/runbooks/inc-7";

    /**
     * What the story showed.
     *
     * @param assistantRead the assistant's read on behalf of the human
     * @param downstreamWithoutGrant the researcher's read before it holds a grant of its own
     * @param downstreamOwnAccount the researcher's read, with its grant, but not on anyone's behalf
     * @param downstreamDelegated the researcher's read on behalf of the assistant and the human
     * @param chain the grants that must allow that read: the researcher's, the assistant's, the human's
     */
    public record Result(ToolCallOutcome assistantRead, ToolCallOutcome downstreamWithoutGrant,
            ToolCallOutcome downstreamOwnAccount, ToolCallOutcome downstreamDelegated, List<Grant> chain) {
    }

    private final World world;

    /** @param world the shared setting */
    public DelegatedDownstreamAgent(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(3, "A human approves a prompt; a downstream agent needs its own delegated grant");

        Identity carol = world.person("carol@acme.example");
        Identity erin = world.person("erin@acme.example");
        Grant carols = grant(GrantSpec.to(carol.id()).allow("kb:read").on("confluence:internal/**")
                .justification("on-call engineer"), Actor.system("access-portal"), erin);
        n.step("carol, on call, holds kb:read on confluence:internal/** (approved by erin)");

        Identity assistant = steward.identities().register(IdentitySpec.agent(ASSISTANT).owner(carol.id())
                .expiresIn(Duration.ofDays(7)).purpose("help the on-call engineer"), carol.asActor());
        steward.identities().approve(assistant.id(), erin.asActor(), "SEC-51");
        Grant assistants = grant(GrantSpec.to(assistant.id()).allow("kb:read").on("confluence:internal/**")
                .validFor(Duration.ofHours(2)).delegatedBy(carol.id())
                .justification("prompt: summarise incident INC-7 from the runbooks"), assistant.asActor(), carol);
        n.check(true, "carol approves the prompt: " + ASSISTANT + " may read the docs on her behalf for 2 hours");
        ToolCallOutcome assistantRead = world.call(steward.guard(assistant.id()).onBehalfOf(carol.id()), "kb:read",
                RUNBOOK, "tc-301", () -> "INC-7 runbook, 4 pages");
        n.call(ASSISTANT, assistantRead);

        Identity researcher = steward.identities().register(IdentitySpec.agent(RESEARCHER).owner(carol.id())
                .parent(assistant.id()).expiresIn(Duration.ofDays(1)).purpose("fetch pages for " + ASSISTANT),
                assistant.asActor());
        steward.identities().approve(researcher.id(), carol.asActor(), "SEC-51");
        n.step(ASSISTANT + " starts " + RESEARCHER + " to fetch the pages; carol approves the new agent");
        ToolCallGuard delegated = steward.guard(researcher.id()).onBehalfOf(assistant.id(), carol.id());
        ToolCallOutcome before = world.call(delegated, "kb:read", RUNBOOK, "tc-302", () -> "INC-7 runbook");
        n.call(RESEARCHER, before);
        n.detail("acting for " + ASSISTANT + " needs a grant delegated by " + ASSISTANT);

        Grant researchers = grant(GrantSpec.to(researcher.id()).allow("kb:read").on("confluence:internal/runbooks/**")
                .validFor(Duration.ofHours(1)).delegatedBy(assistant.id())
                .justification("prompt: summarise incident INC-7 from the runbooks"), assistant.asActor(), carol);
        n.check(true, ASSISTANT + " delegates kb:read on confluence:internal/runbooks/** for 1 hour; carol approves");
        ToolCallOutcome own = world.call(steward.guard(researcher.id()), "kb:read", RUNBOOK, "tc-303",
                () -> "INC-7 runbook");
        n.call(RESEARCHER, own);
        n.detail("not on anyone's behalf: a delegated grant works only for its delegator");
        ToolCallOutcome after = world.call(delegated, "kb:read", RUNBOOK, "tc-304", () -> "INC-7 runbook, 4 pages");
        n.call(RESEARCHER, after);
        n.detail("on behalf of " + ASSISTANT + " for carol: every link holds kb:read, " + after.grants().size()
                + " grants matched");
        return new Result(assistantRead, before, own, after, List.of(researchers, assistants, carols));
    }

    private Grant grant(GrantSpec spec, Actor requester, Identity approver) {
        Grant requested = world.steward().grants().request(spec, requester);
        return world.steward().grants().approve(requested.id(), approver.asActor(), "SEC-51");
    }
}
