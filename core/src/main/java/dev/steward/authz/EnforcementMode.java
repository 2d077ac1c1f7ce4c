package dev.steward.authz;

/**
 * How the {@link ToolCallGuard} treats a denied decision for an identity. Set per identity, so a
 * host can roll policy out to one agent at a time.
 */
public enum EnforcementMode {
    /** A denied call does not run; the guard throws {@link AccessDeniedException}. */
    ENFORCE,
    /**
     * A denied call still runs, and its decision is recorded as "would deny"; for rolling policy
     * out safely. Decisions from {@code authorize} itself are unaffected.
     */
    LOG_ONLY
}
