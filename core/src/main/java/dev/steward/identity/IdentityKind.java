package dev.steward.identity;

/** What kind of actor an {@link Identity} is. */
public enum IdentityKind {
    /** A person. Only humans own, approve and review. */
    HUMAN,
    /** A service account used by an application. */
    SERVICE,
    /** A pipeline, job or pod. */
    WORKLOAD,
    /** An AI system that can call tools. Always time-bound. */
    AGENT;

    /** @return whether this kind needs an accountable human owner and an approval */
    public boolean isNonHuman() {
        return this != HUMAN;
    }
}
