package dev.steward.authz;

/**
 * How the {@link ToolCallGuard} treats a denied decision for an identity. Set per identity, so a
 * host can roll policy out to one agent at a time.
 */
public enum EnforcementMode {
    /** A denied call does not run; the guard throws {@link AccessDeniedException}. */
    ENFORCE,
    /**
     * A call that policy denies still runs, and its decision is recorded as "would deny"; for
     * rolling policy out safely. A malformed request ({@link DecisionReason#INVALID_REQUEST}) and a
     * decision Steward could not make ({@link DecisionReason#ERROR},
     * {@link DecisionReason#STORE_UNAVAILABLE}) are refused as under {@link #ENFORCE}: they are no
     * policy outcome. Decisions from {@code authorize} itself are unaffected.
     */
    LOG_ONLY
}
