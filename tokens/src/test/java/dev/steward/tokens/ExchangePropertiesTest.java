package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.steward.authz.AccessRequest;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The decision rule of the exchange, checked on random worlds: agents a1, a2, a3 exchange in turn
 * (a1 for alice, a2 re-exchanging a1's token, a3 re-exchanging a2's), each link holding, per action,
 * no grant, a grant on the desk, a wider one, one elsewhere, a revoked one, or one delegated by the
 * wrong human; the depth limit and each step's scope are random too. Each exchange is allowed
 * exactly when authorize allows the same chain every scope asked (and a re-exchange stays within
 * its upstream scope), and an issued scope is never wider than any link's grant.
 */
class ExchangePropertiesTest {
    private static final String[] ACTIONS = {"ticket:read", "ticket:comment", "ticket:close"};
    private static final int LINKS = 4;

    /** Exchanges issued and refused per step, so that the property is seen to reach every step both ways. */
    private final int[] issuedAt = new int[LINKS];
    private final int[] refusedAt = new int[LINKS];

    @Test
    @DisplayName("the exchange allows exactly when authorize allows the chain every scope, and never issues more than each link holds")
    void exchangeMatchesAuthorize() {
        qt().withExamples(300).withShrinkCycles(100)
                .forAll(lists().of(integers().between(0, 15).map(ExchangePropertiesTest::kind))
                                .ofSize(LINKS * ACTIONS.length),
                        lists().of(integers().between(1, 7)).ofSize(3),
                        integers().between(1, 5).map(d -> Math.min(d, 3)))
                .checkAssert(this::check);
        for (int step = 1; step < LINKS; step++) {
            assertThat(issuedAt[step]).as("issued at step %d", step).isPositive();
            assertThat(refusedAt[step]).as("refused at step %d", step).isPositive();
        }
    }

    private void check(List<Integer> grantKinds, List<Integer> scopeMasks, Integer maxDepth) {
        try (Desk desk = new Desk(InMemoryStore.create(), b -> b.maxDelegationDepth(maxDepth),
                TokenSigners.generateEd25519(), t -> { })) {
            Identity carol = desk.human("carol@acme.example");
            List<Identity> links = new ArrayList<>(List.of(desk.alice));
            List<String> keys = new ArrayList<>(List.of(""));
            for (int i = 1; i < LINKS; i++) {
                Identity agent = desk.agent("a" + i, desk.alice);
                links.add(agent);
                keys.add(desk.apiKey(agent));
            }
            for (int link = 0; link < LINKS; link++) {
                for (int a = 0; a < ACTIONS.length; a++) {
                    int kind = grantKinds.get(link * ACTIONS.length + a);
                    IdentityId delegator = link == 0 ? null : links.get(link - 1).id();
                    give(desk, carol, links.get(link), delegator, ACTIONS[a], kind);
                }
            }
            Optional<IssuedToken> upstream = Optional.empty();
            for (int step = 1; step < LINKS; step++) {
                Identity actor = links.get(step);
                List<IdentityId> chain = new ArrayList<>();
                for (int i = step - 1; i >= 0; i--) {
                    chain.add(links.get(i).id());
                }
                List<String> scope = scope(scopeMasks.get(step - 1));
                boolean withinUpstream = upstream.map(u -> u.scope().containsAll(scope)).orElse(true);
                boolean authorized = true;
                for (String action : scope) {
                    authorized &= desk.steward.authorize(AccessRequest.of(actor.id(), action, Desk.RESOURCE)
                            .onBehalfOf(chain.toArray(IdentityId[]::new))).allowed();
                }
                TokenExchange.Builder request = TokenExchange.builder().actor(ActorProof.apiKey(keys.get(step)))
                        .audience(Desk.AUDIENCE).scope(String.join(" ", scope));
                if (upstream.isPresent()) {
                    request.subjectToken(upstream.get().token());
                } else {
                    request.subject(desk.alice.id());
                }
                Optional<IssuedToken> issued;
                try {
                    issued = Optional.of(desk.exchange(request.build()));
                } catch (TokenRejectedException e) {
                    issued = Optional.empty();
                }
                assertThat(issued.isPresent()).as("step %d, scope %s, depth limit %d: allowed iff authorize allows",
                        step, scope, maxDepth).isEqualTo(authorized && withinUpstream);
                if (issued.isEmpty()) {
                    refusedAt[step]++;
                    return;
                }
                issuedAt[step]++;
                IssuedToken t = issued.get();
                assertThat(t.scope()).containsExactlyElementsOf(scope);
                List<IdentityId> holders = new ArrayList<>(t.chain());
                for (String action : t.scope()) {
                    for (IdentityId holder : holders) {
                        assertThat(t.grants().stream().map(desk.steward.grants()::get)
                                .anyMatch(g -> g.grantee().equals(holder) && g.actions().contains(action)
                                        && g.resource().matches(Desk.RESOURCE)))
                                .as("%s holds a grant of %s among the token's grants", holder, action).isTrue();
                    }
                }
                upstream = issued;
            }
        }
    }

    /** Grant kinds, weighted towards covering ones so that chains of three links are often complete. */
    private static int kind(int draw) {
        return draw < 10 ? 1 : draw < 12 ? 2 : draw == 12 ? 0 : draw - 10;
    }

    private static List<String> scope(int mask) {
        List<String> scope = new ArrayList<>();
        for (int a = 0; a < ACTIONS.length; a++) {
            if ((mask & (1 << a)) != 0) {
                scope.add(ACTIONS[a]);
            }
        }
        return scope;
    }

    /** 0 none, 1 on the desk, 2 on every resource, 3 elsewhere, 4 revoked, 5 delegated by the wrong human. */
    private static void give(Desk desk, Identity approver, Identity holder, IdentityId delegator, String action, int kind) {
        if (kind == 0) {
            return;
        }
        String pattern = kind == 2 ? "*" : kind == 3 ? Desk.OTHER_RESOURCE : Desk.RESOURCE;
        GrantSpec spec = GrantSpec.to(holder.id()).allow(action).on(pattern).validFor(Duration.ofHours(1))
                .justification("property");
        IdentityId by = kind == 5 ? desk.bob.id() : delegator;
        if (by != null) {
            spec = spec.delegatedBy(by);
        }
        Grant g = desk.steward.grants().request(spec, Desk.HR);
        GrantId id = desk.steward.grants().approve(g.id(), approver.asActor(), "P-1").id();
        if (kind == 4) {
            desk.steward.grants().revoke(id, Desk.HR, "property");
        }
    }
}
