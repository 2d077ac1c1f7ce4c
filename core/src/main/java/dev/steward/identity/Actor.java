package dev.steward.identity;

import dev.steward.internal.Checks;
import java.util.Objects;

/**
 * Who makes a change: an identity in the store, or the host application itself. Every change in
 * Steward names its actor, and the audit event records it.
 *
 * <p>The host system may register and retire identities (it is where people join and leave) but
 * never approves: approvals and reviews need an active human.
 *
 * @param id the acting identity's id, or a {@code system:} id
 */
public record Actor(IdentityId id) {
    static final String SYSTEM_PREFIX = "system:";

    /**
     * Checks that the id is present.
     *
     * @param id the acting identity's id, or a {@code system:} id
     */
    public Actor {
        Objects.requireNonNull(id, "id");
    }

    /**
     * @param id the acting identity
     * @return an actor for that identity
     */
    public static Actor of(IdentityId id) {
        return new Actor(id);
    }

    /**
     * The host application acting on its own behalf, e.g. an HR feed or a bootstrap script.
     *
     * @param component the part of the host that acts, e.g. {@code "hr-sync"}
     * @return an actor whose id is {@code system:<component>}
     */
    public static Actor system(String component) {
        Checks.id("component", component);
        return new Actor(new IdentityId(SYSTEM_PREFIX + component));
    }

    /** @return whether this actor is the host system rather than a stored identity */
    public boolean isSystem() {
        return id.isSystem();
    }
}
