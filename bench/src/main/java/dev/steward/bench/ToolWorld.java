package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.ToolPolicy;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The world of the tool-guard benchmarks: a Steward on the in-memory store with decision events
 * buffered ({@link DecisionAuditMode#BUFFERED}) and the fixed clock of {@link StewardWorld}; an
 * agent {@code ticket-bot}, registered by its owner Alice and approved by Bob, holding one grant
 * ({@code ticket:read} on {@code tickets:ops/*}, requested by HR and approved by Bob); and a
 * {@link ToolPolicy} mapping {@code read_ticket} (granted for project {@code ops}) and
 * {@code close_ticket} ({@code ticket:write}, not granted), both to {@code tickets:{project}/{id}}.
 */
public final class ToolWorld implements AutoCloseable {
    /** What the tools' calls mean. */
    public static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("close_ticket", "ticket:write", "tickets:{project}/{id}")
            .build();
    /** The arguments of every benchmarked call: ticket 7 of project {@code ops}. */
    public static final String OPS_7 = "{\"project\":\"ops\",\"id\":7}";
    /** The start of the text a model reads for a call no grant covers. */
    public static final String NOT_GRANTED = "denied by Steward: NO_MATCHING_GRANT";

    private static final Actor HR = Actor.system("hr");

    private final Steward steward;
    private final Identity bot;

    private ToolWorld(Steward steward, Identity bot) {
        this.steward = steward;
        this.bot = bot;
    }

    /** @return the world, set up through the public API */
    public static ToolWorld build() {
        Steward steward = Steward.builder()
                .store(InMemoryStore.create())
                .clock(Clock.fixed(StewardWorld.NOW, ZoneOffset.UTC))
                .decisionAudit(DecisionAuditMode.BUFFERED)
                .auditSigner(AuditSigners.generateEd25519())
                .build();
        try {
            Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
            Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), HR);
            Identity bot = steward.identities().register(IdentitySpec.agent("ticket-bot").owner(alice.id())
                    .expiresIn(Duration.ofDays(30)).purpose("tickets"), alice.asActor());
            bot = steward.identities().approve(bot.id(), bob.asActor(), "SEC-1");
            Grant grant = steward.grants().request(GrantSpec.to(bot.id()).allow("ticket:read").on("tickets:ops/*")
                    .validFor(Duration.ofDays(30)).justification("SEC-2"), HR);
            steward.grants().approve(grant.id(), bob.asActor(), "SEC-2");
            return new ToolWorld(steward, bot);
        } catch (RuntimeException | Error e) {
            steward.close();
            throw e;
        }
    }

    /**
     * Applies the background poll's view and stores the set-up's events now, and collects the
     * set-up's garbage, so that neither happens in the first measured iterations. Called after a
     * benchmark's own set-up checks.
     */
    public void settle() {
        steward.refresh();
        steward.audit().flush();
        System.gc();
    }

    /** @return the Steward */
    public Steward steward() {
        return steward;
    }

    /** @return the agent that calls the tools */
    public Identity bot() {
        return bot;
    }

    @Override
    public void close() {
        steward.close();
    }
}
