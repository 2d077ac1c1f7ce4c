package dev.steward.identity;

import java.util.Optional;

/**
 * The host's relation from a person to their manager, used to pick a successor owner when a
 * person leaves. Supplied by the host (typically from its HR system or directory).
 */
@FunctionalInterface
public interface ManagerDirectory {
    /** A directory that knows no managers: every leaver's identities become orphans. */
    ManagerDirectory NONE = human -> Optional.empty();

    /**
     * @param human a person's identity id
     * @return their manager, if the host knows one
     */
    Optional<IdentityId> managerOf(IdentityId human);
}
