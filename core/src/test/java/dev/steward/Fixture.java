package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditSigners;
import dev.steward.audit.AuditVerification;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.AuditSigner;
import dev.steward.spi.GovernanceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A Steward on the in-memory store with a hand-moved clock, and shortcuts for the usual setup.
 * {@link #close()} checks the structure the test left behind, as Caffeine validates its cache after
 * each test: the audit chain verifies, and the decision index holds every identity and grant at
 * the version the store has.
 */
final class Fixture implements AutoCloseable {
    static final Actor HR = Actor.system("hr");
    /**
     * One checkpoint key for every fixture, as a host gives every instance on a store the same key:
     * several instances on one store then keep one log that each of them verifies.
     */
    static final AuditSigner SIGNER = AuditSigners.generateEd25519();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    final GovernanceStore store;
    final Steward steward;
    private boolean auditDamagedOnPurpose;
    private boolean storeFailingOnPurpose;

    Fixture() {
        this(InMemoryStore.create(), b -> { });
    }

    Fixture(Consumer<Steward.Builder> settings) {
        this(InMemoryStore.create(), settings);
    }

    Fixture(GovernanceStore store, Consumer<Steward.Builder> settings) {
        this.store = store;
        Steward.Builder b = Steward.builder().store(store).clock(clock).auditSigner(SIGNER);
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

    /** The test damages the audit log itself: {@link #close()} does not require it to verify. */
    void auditDamagedOnPurpose() {
        auditDamagedOnPurpose = true;
    }

    /** The test leaves its store failing: {@link #close()} cannot read it back to check the structure. */
    void storeFailingOnPurpose() {
        storeFailingOnPurpose = true;
    }

    /** Checks the audit chain and the decision index against the store, then closes the Steward. */
    @Override
    public void close() {
        try {
            if (!storeFailingOnPurpose) {
                if (!auditDamagedOnPurpose) {
                    AuditVerification audit = steward.audit().verify();
                    assertThat(audit.valid()).as("the audit log verifies at the end of the test: " + audit.message())
                            .isTrue();
                }
                StructureCheck.indexMatchesStore(steward, store);
            }
        } finally {
            steward.close();
        }
    }
}
