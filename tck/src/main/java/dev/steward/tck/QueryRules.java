package dev.steward.tck;

import static dev.steward.tck.KitSupport.collectPages;
import static dev.steward.tck.KitSupport.sortedGrants;
import static dev.steward.tck.KitSupport.sortedIdentities;
import static dev.steward.tck.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Page;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rules of the kit's "queries" group, over identities and grants: every filter, alone and
 * combined, and cursor pagination. (Credential queries are rules of the "credentials" group.)
 *
 * <p>What the SPI leaves to the store: the cursor's format. The kit only hands back the
 * {@code nextCursor} of a page, but requires it to be a position in id order (the in-memory store
 * uses the page's last id), not an offset, so that rows inserted before it do not shift later
 * pages. A page that has a next cursor holds exactly {@code limit} matches, and the page holding
 * the last match has none: a store has to look one match ahead rather than guess from the page
 * size.
 */
abstract class QueryRules extends StoreKitGroup {
    private final IdentityId alice = IdentityId.of("alice");
    private final IdentityId bob = IdentityId.of("Bob");
    private final Instant in1Day = at(Duration.ofDays(1));
    private final Instant in20Days = at(Duration.ofDays(20));
    // Ids that differ in case and punctuation, so their binary order differs from most collations.
    private final List<Identity> people = List.of(
            Samples.identity("alice", IdentityKind.HUMAN, IdentityStatus.ACTIVE, null, "prod", null, null),
            Samples.identity("Bob", IdentityKind.HUMAN, IdentityStatus.ACTIVE, null, "staging", null,
                    at(Duration.ofDays(10))),
            Samples.identity("carol.x", IdentityKind.HUMAN, IdentityStatus.SUSPENDED, null, "prod", null, null),
            Samples.identity("agent-1", IdentityKind.AGENT, IdentityStatus.ACTIVE, alice, "prod", null,
                    at(Duration.ofDays(30))),
            Samples.identity("agent_2", IdentityKind.AGENT, IdentityStatus.PENDING_APPROVAL, alice, "staging",
                    null, at(Duration.ofDays(5))),
            Samples.identity("Agent:3", IdentityKind.AGENT, IdentityStatus.ACTIVE, bob, "prod", in1Day,
                    at(Duration.ofDays(60))),
            Samples.identity("agent-10", IdentityKind.AGENT, IdentityStatus.ACTIVE, bob, "staging", null, in20Days),
            Samples.identity("svc@billing", IdentityKind.SERVICE, IdentityStatus.ACTIVE, bob, "prod", null, null),
            Samples.identity("svc+ledger", IdentityKind.SERVICE, IdentityStatus.RETIRED, alice, "default", null,
                    null),
            Samples.identity("wl.ci", IdentityKind.WORKLOAD, IdentityStatus.SUSPENDED, bob, "staging", in1Day,
                    in1Day),
            Samples.identity("9-job", IdentityKind.WORKLOAD, IdentityStatus.REJECTED, alice, "default", null,
                    at(Duration.ofDays(90))));
    private final List<Grant> grants = List.of(
            Samples.grant("g-a", IdentityId.of("agent-1"), GrantStatus.ACTIVE, null),
            Samples.grant("G-b", IdentityId.of("agent-1"), GrantStatus.ACTIVE, alice),
            Samples.grant("g.c", IdentityId.of("agent-1"), GrantStatus.REVOKED, alice),
            Samples.grant("g_d", IdentityId.of("agent_2"), GrantStatus.REQUESTED, alice),
            Samples.grant("g:e", IdentityId.of("agent_2"), GrantStatus.ACTIVE, bob),
            Samples.grant("g-f", alice, GrantStatus.ACTIVE, null),
            Samples.grant("g@g", alice, GrantStatus.EXPIRED, null),
            Samples.grant("0-h", IdentityId.of("Agent:3"), GrantStatus.DENIED, bob),
            Samples.grant("g+i", IdentityId.of("Agent:3"), GrantStatus.ACTIVE, alice));

    @BeforeEach
    void populate() {
        write(tx -> {
            people.forEach(tx.table(EntityType.IDENTITY)::insert);
            grants.forEach(tx.table(EntityType.GRANT)::insert);
        });
    }

    private void expectIdentities(IdentityQuery query, Predicate<Identity> expected) {
        assertThat(allIdentities(query)).as("identities matching %s", query)
                .containsExactlyElementsOf(sortedIdentities(people, expected));
    }

    private void expectGrants(GrantQuery query, Predicate<Grant> expected) {
        assertThat(allGrants(query)).as("grants matching %s", query)
                .containsExactlyElementsOf(sortedGrants(grants, expected));
    }

    @Test
    @DisplayName("an unfiltered query returns every identity and every grant, ordered by id in binary order")
    void all() {
        expectIdentities(IdentityQuery.all(), i -> true);
        expectGrants(GrantQuery.all(), g -> true);
    }

    @Test
    @DisplayName("identities by kind")
    void byKind() {
        for (IdentityKind kind : IdentityKind.values()) {
            expectIdentities(IdentityQuery.all().kind(kind), i -> i.kind() == kind);
        }
    }

    @Test
    @DisplayName("identities by status")
    void byStatus() {
        for (IdentityStatus status : IdentityStatus.values()) {
            expectIdentities(IdentityQuery.all().status(status), i -> i.status() == status);
        }
    }

    @Test
    @DisplayName("identities by owner; identities without an owner never match")
    void byOwner() {
        expectIdentities(IdentityQuery.all().owner(alice), i -> i.owner().equals(Optional.of(alice)));
        expectIdentities(IdentityQuery.all().owner(bob), i -> i.owner().equals(Optional.of(bob)));
        expectIdentities(IdentityQuery.all().owner(IdentityId.of("ALICE")), i -> false);
    }

    @Test
    @DisplayName("identities by environment, compared exactly")
    void byEnvironment() {
        for (String env : List.of("prod", "staging", "default", "PROD")) {
            expectIdentities(IdentityQuery.all().environment(env), i -> i.environment().equals(env));
        }
    }

    @Test
    @DisplayName("identities by orphaned flag: true keeps orphans, false keeps the rest")
    void byOrphaned() {
        expectIdentities(IdentityQuery.all().orphaned(true), i -> i.orphanedAt().isPresent());
        expectIdentities(IdentityQuery.all().orphaned(false), i -> i.orphanedAt().isEmpty());
    }

    @Test
    @DisplayName("identities expiring strictly before an instant; identities without an expiry never match")
    void byExpiringBefore() {
        expectIdentities(IdentityQuery.all().expiringBefore(in20Days),
                i -> i.expiresAt().filter(x -> x.isBefore(in20Days)).isPresent());
        assertThat(allIdentities(IdentityQuery.all().expiringBefore(in20Days))).extracting(Identity::id)
                .as("expiring exactly at the instant is not before it")
                .doesNotContain(IdentityId.of("agent-10"));
        expectIdentities(IdentityQuery.all().expiringBefore(in1Day.plusNanos(1)),
                i -> i.id().value().equals("wl.ci"));
    }

    @Test
    @DisplayName("identity filters combine with AND")
    void identityFiltersCombine() {
        IdentityQuery q = IdentityQuery.all().kind(IdentityKind.AGENT).owner(bob).status(IdentityStatus.ACTIVE)
                .environment("prod").orphaned(true).expiringBefore(at(Duration.ofDays(61)));
        expectIdentities(q, i -> i.id().value().equals("Agent:3"));
        expectIdentities(IdentityQuery.all().kind(IdentityKind.HUMAN).owner(alice), i -> false);
    }

    @Test
    @DisplayName("grants by grantee")
    void byGrantee() {
        for (String grantee : List.of("agent-1", "agent_2", "Agent:3", "alice", "AGENT-1")) {
            IdentityId id = IdentityId.of(grantee);
            expectGrants(GrantQuery.all().grantee(id), g -> g.grantee().equals(id));
        }
    }

    @Test
    @DisplayName("grants by status")
    void byGrantStatus() {
        for (GrantStatus status : GrantStatus.values()) {
            expectGrants(GrantQuery.all().status(status), g -> g.status() == status);
        }
    }

    @Test
    @DisplayName("grants by delegator; direct grants never match")
    void byDelegator() {
        expectGrants(GrantQuery.all().delegatedBy(alice), g -> g.delegatedBy().equals(Optional.of(alice)));
        expectGrants(GrantQuery.all().delegatedBy(bob), g -> g.delegatedBy().equals(Optional.of(bob)));
    }

    @Test
    @DisplayName("grant filters combine with AND")
    void grantFiltersCombine() {
        expectGrants(GrantQuery.all().grantee(IdentityId.of("agent-1")).status(GrantStatus.ACTIVE).delegatedBy(alice),
                g -> g.id().value().equals("G-b"));
    }

    @Test
    @DisplayName("pagination: every match exactly once, in id order, across pages of any size")
    void pagination() {
        List<Identity> more = IntStream.range(0, 25)
                .mapToObj(n -> Samples.identity((n % 2 == 0 ? "P" : "p") + (n % 3 == 0 ? "-" : ".") + n,
                        IdentityKind.values()[n % 4], IdentityStatus.ACTIVE, alice, "prod", null, null))
                .collect(Collectors.toList());
        write(tx -> more.forEach(tx.table(EntityType.IDENTITY)::insert));
        List<Identity> everyone = new ArrayList<>(people);
        everyone.addAll(more);
        for (int limit : new int[] {1, 2, 3, 7, 35, 36, 100}) {
            assertThat(allIdentities(IdentityQuery.all().limit(limit))).as("identities, %d per page", limit)
                    .containsExactlyElementsOf(sortedIdentities(everyone, i -> true));
            IdentityQuery agents = IdentityQuery.all().kind(IdentityKind.AGENT).limit(limit);
            assertThat(allIdentities(agents)).as("agents, %d per page", limit)
                    .containsExactlyElementsOf(sortedIdentities(everyone, i -> i.kind() == IdentityKind.AGENT));
            assertThat(allGrants(GrantQuery.all().limit(limit))).as("grants, %d per page", limit)
                    .containsExactlyElementsOf(sortedGrants(grants, g -> true));
            GrantQuery active = GrantQuery.all().status(GrantStatus.ACTIVE).limit(limit);
            assertThat(allGrants(active)).as("active grants, %d per page", limit)
                    .containsExactlyElementsOf(sortedGrants(grants, g -> g.status() == GrantStatus.ACTIVE));
        }
    }

    @Test
    @DisplayName("limit: a page holds at most limit matches, exactly limit when more follow, and has a next cursor only then")
    void limitRespected() {
        int total = people.size();
        for (int limit = 1; limit <= total + 1; limit++) {
            int pageSize = limit;
            Page<Identity> first = fetch(tx -> tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all()
                    .limit(pageSize))));
            assertThat(first.items()).as("first page, limit %d", limit).hasSize(Math.min(limit, total));
            assertThat(first.hasNext()).as("next cursor of the first page, limit %d of %d", limit, total)
                    .isEqualTo(limit < total);
        }
        Page<Grant> onePage = fetch(tx -> tx.table(EntityType.GRANT).query(EntityQuery.of(GrantQuery.all().limit(grants
                .size()))));
        assertThat(onePage.items()).hasSize(grants.size());
        assertThat(onePage.hasNext()).as("a page that holds the last match has no next cursor").isFalse();
        Page<Identity> none = fetch(tx -> tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all()
                .environment("nowhere"))));
        assertThat(none.items()).isEmpty();
        assertThat(none.hasNext()).isFalse();
    }

    @Test
    @DisplayName("the cursor is a position, not an offset: inserts before it do not shift later pages")
    void cursorIsAPosition() {
        List<Identity> sorted = sortedIdentities(people, i -> true);
        Page<Identity> first = fetch(tx -> tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all()
                .limit(4))));
        assertThat(first.items()).containsExactlyElementsOf(sorted.subList(0, 4));
        write(tx -> {
            tx.table(EntityType.IDENTITY).insert(Samples.human("0-first"));
            tx.table(EntityType.IDENTITY).insert(Samples.human("zz-last"));
        });
        List<Identity> rest = new ArrayList<>();
        Optional<String> cursor = first.nextCursor();
        while (cursor.isPresent()) {
            String c = cursor.get();
            Page<Identity> page = fetch(tx -> tx.table(EntityType.IDENTITY).query(EntityQuery.of(IdentityQuery.all()
                    .limit(4).after(c))));
            rest.addAll(page.items());
            cursor = page.nextCursor();
        }
        List<Identity> expected = new ArrayList<>(sorted.subList(4, sorted.size()));
        expected.add(Samples.human("zz-last"));
        assertThat(rest).containsExactlyElementsOf(expected);
    }

    private List<Identity> allIdentities(IdentityQuery query) {
        return collectPages(query.limit(), c -> fetch(tx ->
                tx.table(EntityType.IDENTITY).query(EntityQuery.of(c.map(query::after).orElse(query)))));
    }

    private List<Grant> allGrants(GrantQuery query) {
        return collectPages(query.limit(), c -> fetch(tx ->
                tx.table(EntityType.GRANT).query(EntityQuery.of(c.map(query::after).orElse(query)))));
    }
}
