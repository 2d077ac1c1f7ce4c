package dev.steward.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Steward;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolPolicy;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * A Steward on the in-memory store with the usual cast: alice holds {@code ticket:read} on
 * {@code tickets:ops/**} and has delegated it to her agent, the ticket bot, approved by bob; and a
 * policy that maps {@code read_ticket}, {@code close_ticket} and {@code escalate} (not
 * {@code status}). {@link #close()} checks that the audit log still verifies.
 */
final class Agents implements AutoCloseable {
    static final Actor HR = Actor.system("hr");
    static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("close_ticket", "ticket:close", "tickets:{project}/{id}")
            .tool("escalate", "ticket:read", "tickets:{project}/{id}")
            .build();

    final Steward steward;
    final Identity alice;
    final Identity bob;
    final Identity bot;
    final Grant botReadsForAlice;
    final TicketTools tools = new TicketTools();

    Agents() {
        this(InMemoryStore.create());
    }

    Agents(GovernanceStore store) {
        steward = Steward.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();
        alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
        bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), HR);
        Identity registered = steward.identities().register(IdentitySpec.agent("ticket-bot").owner(alice.id())
                .expiresIn(Duration.ofDays(30)).purpose("answer questions about ops tickets"), alice.asActor());
        bot = steward.identities().approve(registered.id(), bob.asActor(), "SEC-7");
        approved(GrantSpec.to(alice.id()).allow("ticket:read").on("tickets:ops/**").validFor(Duration.ofHours(8))
                .justification("on call"));
        botReadsForAlice = approved(GrantSpec.to(bot.id()).allow("ticket:read").on("tickets:ops/**")
                .validFor(Duration.ofHours(8)).delegatedBy(alice.id()).justification("SEC-7"));
    }

    private Grant approved(GrantSpec spec) {
        Grant requested = steward.grants().request(spec, HR);
        return steward.grants().approve(requested.id(), bob.asActor(), "SEC-7");
    }

    /** {@return the tool context of the bot acting for alice} */
    Map<String, Object> botForAlice() {
        return StewardToolContext.of(bot.id(), alice.id());
    }

    /** {@return a model that runs tool calls through a Steward manager around Spring AI's default} */
    ScriptedChatModel model() {
        return new ScriptedChatModel(StewardToolCallingManager.create());
    }

    /** {@return a model that runs tool calls through Spring AI's manager alone} */
    ScriptedChatModel modelWithoutStewardManager() {
        return new ScriptedChatModel(ToolCallingManager.builder().build());
    }

    /** {@return a chat client offering the ticket tools, guarded with {@code policy}} */
    ChatClient chat(ScriptedChatModel model, ToolPolicy policy) {
        return ChatClient.builder(model)
                .defaultToolCallbacks(StewardToolCallbacks.guard(steward, policy).wrapTools(tools))
                .build();
    }

    /** {@return one user turn of the bot acting for alice, the model's final text} */
    String ask(ScriptedChatModel model, ToolPolicy policy) {
        return chat(model, policy).prompt().user("What is the state of ops/7?").toolContext(botForAlice())
                .call().content();
    }

    void logOnly(Identity who) {
        steward.identities().setEnforcementMode(who.id(), EnforcementMode.LOG_ONLY, HR, "policy roll-out");
    }

    /** {@return the audit events of one tool call} */
    List<AuditEvent> trail(String toolCallId) {
        return steward.audit().trail(toolCallId);
    }

    @Override
    public void close() {
        try {
            assertThat(steward.audit().verify().valid()).as("the audit log verifies").isTrue();
        } finally {
            steward.close();
        }
    }
}
