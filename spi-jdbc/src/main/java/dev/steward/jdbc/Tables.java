package dev.steward.jdbc;

import dev.steward.ValidationException;
import dev.steward.spi.EntityType;
import java.util.Map;

/** The table names under one prefix. */
final class Tables {
    static final String DEFAULT_PREFIX = "steward_";

    final String prefix;
    final String identities;
    final String grants;
    final String credentials;
    final String changes;
    final String auditEvents;
    final String auditCheckpoints;
    final String head;
    final String secrets;
    final String secretVersions;
    final String reviewCycles;
    final String reviewItems;
    private final Map<EntityType<?>, String> entities;

    Tables(String prefix) {
        this.prefix = checkPrefix(prefix);
        identities = prefix + "identities";
        grants = prefix + "grants";
        credentials = prefix + "credentials";
        changes = prefix + "changes";
        auditEvents = prefix + "audit_events";
        auditCheckpoints = prefix + "audit_checkpoints";
        head = prefix + "head";
        secrets = prefix + "secrets";
        secretVersions = prefix + "secret_versions";
        reviewCycles = prefix + "review_cycles";
        reviewItems = prefix + "review_items";
        entities = Map.of(EntityType.IDENTITY, identities, EntityType.GRANT, grants, EntityType.CREDENTIAL, credentials,
                EntityType.REVIEW_CYCLE, reviewCycles, EntityType.REVIEW_ITEM, reviewItems);
    }

    /** {@return the table of one entity type's rows} */
    String of(EntityType<?> type) {
        return entities.get(type);
    }

    /** The prefix is pasted into SQL, so it is held to a strict shape. */
    static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > 32) {
            throw new ValidationException("tablePrefix", "must be 1 to 32 characters");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '_'))) {
                throw new ValidationException("tablePrefix", "must be a lowercase letter, then lowercase letters, digits or underscores");
            }
        }
        return prefix;
    }
}
