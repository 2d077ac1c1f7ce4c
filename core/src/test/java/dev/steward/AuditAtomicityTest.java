package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditAtomicityTest {
    private final FailingStore store = new FailingStore(InMemoryStore.create());
    private final Fixture f = new Fixture(store, b -> { });
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");

    @AfterEach
    void close() {
        store.failAudit = false;
        f.close();
    }

    @Test
    @DisplayName("rule 6: every change appends its audit event, with actor and reason")
    void changesAreAudited() {
        Identity bot = f.agent("bot", alice, bob);
        List<AuditEvent> events = f.steward.audit().read(0, 100);
        assertThat(events).extracting(AuditEvent::action).containsSubsequence(AuditAction.IDENTITY_REGISTERED,
                AuditAction.IDENTITY_REGISTERED, AuditAction.IDENTITY_REGISTERED, AuditAction.IDENTITY_APPROVED);
        AuditEvent approval = events.get(events.size() - 1);
        assertThat(approval.actor()).isEqualTo(bob.id());
        assertThat(approval.targetId()).isEqualTo(bot.id().value());
        assertThat(approval.reason()).isEqualTo("TICKET-1");
        assertThat(f.steward.audit().verify().valid()).isTrue();
    }

    @Test
    @DisplayName("rule 6: if the audit append fails, the operation is refused and nothing changes")
    void failedAuditRefusesChange() {
        Identity bot = f.steward.identities().register(IdentitySpec.agent("bot").owner(alice.id())
                .expiresIn(Duration.ofDays(1)).purpose("p"), alice.asActor());
        int eventsBefore = f.steward.audit().read(0, 100).size();
        store.failAudit = true;
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), bob.asActor(), "T"))
                .isInstanceOf(AuditFailureException.class);
        assertThatThrownBy(() -> f.steward.identities().register(IdentitySpec.human("eve"), Fixture.HR))
                .isInstanceOf(AuditFailureException.class);
        store.failAudit = false;
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.PENDING_APPROVAL);
        assertThat(f.steward.identities().get(bot.id()).version()).isEqualTo(1);
        assertThat(f.steward.audit().read(0, 100)).hasSize(eventsBefore);
        assertThat(f.steward.identities().query(dev.steward.identity.IdentityQuery.all()).items()).hasSize(3);
    }

    @Test
    @DisplayName("rules 4 and 6: a decision whose event cannot be stored is a deny with reason ERROR")
    void failedDecisionAuditDenies() {
        Identity bot = f.agent("bot", alice, bob);
        f.grant(bot, "repo:read", "github:acme/**", bob);
        store.failAudit = true;
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.ERROR);
        store.failAudit = false;
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        assertThat(f.steward.audit().read(0, 1000)).filteredOn(e -> e.action() == AuditAction.ACCESS_DECIDED)
                .as("the withdrawn event of the failed decision is not written later").hasSize(1);
        assertThat(f.steward.audit().verify().valid()).isTrue();
    }
}
