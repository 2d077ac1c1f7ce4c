package dev.steward;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** A Steward on the in-memory store with a hand-moved clock, and shortcuts for the usual setup. */
final class Fixture implements AutoCloseable {
    static final Actor HR = Actor.system("hr");

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    final GovernanceStore store;
    final Steward steward;

    Fixture() {
        this(InMemoryStore.create(), b -> { });
    }

    Fixture(Consumer<Steward.Builder> settings) {
        this(InMemoryStore.create(), settings);
    }

    Fixture(GovernanceStore store, Consumer<Steward.Builder> settings) {
        this.store = store;
        Steward.Builder b = Steward.builder().store(store).clock(clock);
        settings.accept(b);
        this.steward = b.build();
    }

    Identity human(String name) {
        return steward.identities().register(IdentitySpec.human(name), HR);
    }

    /** An approved agent owned by {@code owner}, registered by the owner and approved by {@code approver}. */
    Identity agent(String name, Identity owner, Identity approver) {
        Identity bot = steward.identities().register(IdentitySpec.agent(name).owner(owner.id())
                .expiresIn(Duration.ofDays(30)).purpose("test agent " + name), owner.asActor());
        return steward.identities().approve(bot.id(), approver.asActor(), "TICKET-1");
    }

    /** An active grant, requested by the host system and approved by {@code approver}. */
    Grant grant(Identity grantee, String action, String pattern, Identity approver) {
        return grant(GrantSpec.to(grantee.id()).allow(action).on(pattern).validFor(Duration.ofHours(8))
                .justification("test"), approver);
    }

    Grant grant(GrantSpec spec, Identity approver) {
        Grant g = steward.grants().request(spec, HR);
        return steward.grants().approve(g.id(), approver.asActor(), "TICKET-2");
    }

    Decision authorize(Identity who, String action, String resource, IdentityId... onBehalfOf) {
        return steward.authorize(AccessRequest.of(who.id(), action, resource).onBehalfOf(onBehalfOf));
    }

    @Override
    public void close() {
        steward.close();
    }
}
