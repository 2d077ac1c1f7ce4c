package dev.steward.jdbc;

import dev.steward.Steward;
import dev.steward.audit.AuditSigners;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.spi.AuditSigner;
import java.time.Duration;
import java.util.Arrays;

/** Shortcuts for the usual Steward setup in the JDBC tests: humans, approved agents, active grants. */
final class People {
    static final Actor HR = Actor.system("hr");

    private People() {
    }

    /** @return an audit signer with a fixed key, so every instance and restart verifies the same log */
    static AuditSigner signer() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        return AuditSigners.ed25519(seed);
    }

    /**
     * @param store a store
     * @return a Steward on it with the fixed audit signer and default settings
     */
    static Steward steward(dev.steward.spi.GovernanceStore store) {
        return Steward.builder().store(store).auditSigner(signer()).build();
    }

    static Identity human(Steward steward, String name) {
        return steward.identities().register(IdentitySpec.human(name), HR);
    }

    /** An agent owned by {@code owner}, registered by the owner and approved by {@code approver}. */
    static Identity agent(Steward steward, String name, Identity owner, Identity approver) {
        Identity bot = steward.identities().register(IdentitySpec.agent(name).owner(owner.id())
                .expiresIn(Duration.ofDays(30)).purpose("test agent " + name), owner.asActor());
        return steward.identities().approve(bot.id(), approver.asActor(), "TICKET-1");
    }

    /** An active grant for eight hours, requested by the host system and approved by {@code approver}. */
    static Grant grant(Steward steward, Identity grantee, String action, String pattern, Identity approver) {
        return grant(steward, GrantSpec.to(grantee.id()).allow(action).on(pattern).validFor(Duration.ofHours(8))
                .justification("test"), approver);
    }

    static Grant grant(Steward steward, GrantSpec spec, Identity approver) {
        Grant g = steward.grants().request(spec, HR);
        return steward.grants().approve(g.id(), approver.asActor(), "TICKET-2");
    }
}
