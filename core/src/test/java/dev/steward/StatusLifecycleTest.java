package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.credential.CredentialStatus;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.IdentityStatus;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewItemStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every status type's allowed edges, as a table of all pairs: a new edge, or a lost one, fails here
 * and in the documented lifecycle at once.
 */
class StatusLifecycleTest {

    /** {@return every pair {@code from→to} the predicate allows} */
    private static <S extends Enum<S>> Set<String> edges(Class<S> type, BiPredicate<S, S> allowed) {
        Set<String> out = new TreeSet<>();
        for (S from : EnumSet.allOf(type)) {
            for (S to : EnumSet.allOf(type)) {
                if (allowed.test(from, to)) {
                    out.add(from + "→" + to);
                }
            }
        }
        return out;
    }

    /** {@return the states the predicate holds for} */
    private static <S extends Enum<S>> Set<S> where(Class<S> type, Predicate<S> p) {
        Set<S> out = EnumSet.noneOf(type);
        EnumSet.allOf(type).stream().filter(p).forEach(out::add);
        return out;
    }

    /** A state is terminal exactly when no edge leaves it. */
    private static <S extends Enum<S>> void terminalMeansNoEdge(Class<S> type, BiPredicate<S, S> allowed,
            Predicate<S> terminal) {
        for (S from : EnumSet.allOf(type)) {
            boolean leaves = EnumSet.allOf(type).stream().anyMatch(to -> allowed.test(from, to));
            assertThat(terminal.test(from)).as(from.toString()).isEqualTo(!leaves);
        }
    }

    @Test
    @DisplayName("grants: REQUESTED → ACTIVE | DENIED | REVOKED, ACTIVE → REVOKED | EXPIRED; the rest is terminal")
    void grantEdges() {
        assertThat(edges(GrantStatus.class, GrantStatus::canMoveTo)).containsExactlyInAnyOrder(
                "REQUESTED→ACTIVE", "REQUESTED→DENIED", "REQUESTED→REVOKED", "ACTIVE→REVOKED", "ACTIVE→EXPIRED");
        assertThat(where(GrantStatus.class, GrantStatus::isTerminal))
                .containsExactlyInAnyOrder(GrantStatus.DENIED, GrantStatus.REVOKED, GrantStatus.EXPIRED);
        terminalMeansNoEdge(GrantStatus.class, GrantStatus::canMoveTo, GrantStatus::isTerminal);
    }

    @Test
    @DisplayName("identities: PENDING_APPROVAL → ACTIVE | REJECTED, ACTIVE ⇄ SUSPENDED, both → RETIRED")
    void identityEdges() {
        assertThat(edges(IdentityStatus.class, IdentityStatus::canMoveTo)).containsExactlyInAnyOrder(
                "PENDING_APPROVAL→ACTIVE", "PENDING_APPROVAL→REJECTED", "ACTIVE→SUSPENDED", "ACTIVE→RETIRED",
                "SUSPENDED→ACTIVE", "SUSPENDED→RETIRED");
        assertThat(where(IdentityStatus.class, IdentityStatus::isTerminal))
                .containsExactlyInAnyOrder(IdentityStatus.RETIRED, IdentityStatus.REJECTED);
        terminalMeansNoEdge(IdentityStatus.class, IdentityStatus::canMoveTo, IdentityStatus::isTerminal);
    }

    @Test
    @DisplayName("credentials: ACTIVE → ROTATED → EXPIRED, ACTIVE → EXPIRED, ACTIVE | ROTATED → REVOKED")
    void credentialEdges() {
        assertThat(edges(CredentialStatus.class, CredentialStatus::canMoveTo)).containsExactlyInAnyOrder(
                "ACTIVE→ROTATED", "ACTIVE→EXPIRED", "ACTIVE→REVOKED", "ROTATED→EXPIRED", "ROTATED→REVOKED");
        assertThat(where(CredentialStatus.class, CredentialStatus::isTerminal))
                .containsExactlyInAnyOrder(CredentialStatus.EXPIRED, CredentialStatus.REVOKED);
        terminalMeansNoEdge(CredentialStatus.class, CredentialStatus::canMoveTo, CredentialStatus::isTerminal);
    }

    @Test
    @DisplayName("review cycles: OPEN → CLOSING → CLOSED, and OPEN → CLOSED for a settled micro-review")
    void reviewCycleEdges() {
        assertThat(edges(ReviewCycleStatus.class, ReviewCycleStatus::canMoveTo)).containsExactlyInAnyOrder(
                "OPEN→CLOSING", "OPEN→CLOSED", "CLOSING→CLOSED");
        assertThat(where(ReviewCycleStatus.class, ReviewCycleStatus::isTerminal))
                .containsExactly(ReviewCycleStatus.CLOSED);
        terminalMeansNoEdge(ReviewCycleStatus.class, ReviewCycleStatus::canMoveTo, ReviewCycleStatus::isTerminal);
    }

    @Test
    @DisplayName("review items: PENDING → DECIDED | LAPSED; both are terminal")
    void reviewItemEdges() {
        assertThat(edges(ReviewItemStatus.class, ReviewItemStatus::canMoveTo)).containsExactlyInAnyOrder(
                "PENDING→DECIDED", "PENDING→LAPSED");
        assertThat(where(ReviewItemStatus.class, ReviewItemStatus::isTerminal))
                .containsExactlyInAnyOrder(ReviewItemStatus.DECIDED, ReviewItemStatus.LAPSED);
        terminalMeansNoEdge(ReviewItemStatus.class, ReviewItemStatus::canMoveTo, ReviewItemStatus::isTerminal);
    }

    @Test
    @DisplayName("no status may move to itself")
    void noSelfEdges() {
        Map<String, Set<String>> all = Map.of(
                "grant", edges(GrantStatus.class, GrantStatus::canMoveTo),
                "identity", edges(IdentityStatus.class, IdentityStatus::canMoveTo),
                "credential", edges(CredentialStatus.class, CredentialStatus::canMoveTo),
                "cycle", edges(ReviewCycleStatus.class, ReviewCycleStatus::canMoveTo),
                "item", edges(ReviewItemStatus.class, ReviewItemStatus::canMoveTo));
        all.forEach((type, edges) -> assertThat(edges).as(type)
                .noneMatch(e -> e.substring(0, e.indexOf('→')).equals(e.substring(e.indexOf('→') + 1))));
    }
}
