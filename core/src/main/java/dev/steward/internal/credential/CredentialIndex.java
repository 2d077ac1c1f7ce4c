package dev.steward.internal.credential;

import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential's metadata in memory, so a presented key is verified with one hash lookup by
 * its id part and no store round trip. A snapshot never goes back to an older version.
 */
public final class CredentialIndex {
    private final ConcurrentHashMap<CredentialId, Credential> byId = new ConcurrentHashMap<>();

    /**
     * {@return the metadata of the credential with this id as last seen, or {@code null} if none is held}
     *
     * @param id a credential id
     */
    public Credential get(CredentialId id) {
        return byId.get(id);
    }

    /** @param credential a new snapshot; ignored if older than the one held */
    public void put(Credential credential) {
        byId.merge(credential.id(), credential, (held, fresh) -> fresh.version() >= held.version() ? fresh : held);
    }
}
