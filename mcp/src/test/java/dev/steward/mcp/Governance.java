package dev.steward.mcp;

import dev.steward.Steward;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.ToolPolicy;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;

/**
 * A Steward on the in-memory store with two people and two agents: {@code bot} may read the
 * tickets of project {@code ops}, {@code idle} holds no grant. The policy maps {@code read_ticket},
 * {@code fail_ticket} (a read that fails) and {@code delete_ticket}; {@code echo} is unmapped
 * (denied, under the default enforcement).
 */
final class Governance implements AutoCloseable {
    static final Actor HR = Actor.system("hr");

    static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("fail_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("delete_ticket", "ticket:delete", "tickets:{project}/{id}")
            .build();

    final Steward steward = Steward.builder().store(InMemoryStore.create()).build();
    final Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
    final Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), HR);
    final Identity bot = agent("ticket-bot");
    final Identity idle = agent("idle-bot");
    final Grant readOps = grant(GrantSpec.to(bot.id()).allow("ticket:read").on("tickets:ops/**"));

    private Identity agent(String name) {
        Identity agent = steward.identities().register(IdentitySpec.agent(name).owner(alice.id())
                .expiresIn(Duration.ofDays(30)).purpose("triage tickets"), alice.asActor());
        return steward.identities().approve(agent.id(), bob.asActor(), "SEC-42");
    }

    /** An active grant, requested by the host system and approved by Bob. */
    Grant grant(GrantSpec spec) {
        Grant requested = steward.grants().request(spec.validFor(Duration.ofHours(8)).justification("SEC-42"), HR);
        return steward.grants().approve(requested.id(), bob.asActor(), "SEC-42");
    }

    /** {@return every audit event so far; a test writes far fewer than the 10,000 one read returns} */
    List<AuditEvent> events() {
        return steward.audit().read(0, 10_000);
    }

    @Override
    public void close() {
        steward.close();
    }
}
