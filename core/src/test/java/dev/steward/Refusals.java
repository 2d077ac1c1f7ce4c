package dev.steward;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a change is refused under a named governance rule. */
final class Refusals {
    private Refusals() {
    }

    static void assertRefused(GovernanceRule rule, ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(PolicyViolationException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.rule()).isEqualTo(rule));
    }
}
