package dev.steward.tokens.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resource of an AuthZEN evaluation (AuthZEN 1.0 §5.2), as an {@link AuthZenEndpoint}'s
 * {@linkplain AuthZenEndpoint.Builder#resources resource mapping} receives it.
 *
 * @param type the resource's type, e.g. {@code todo}
 * @param id the resource's id, scoped to its type
 * @param properties its properties as plain Java values (maps, lists, strings, numbers, booleans
 *     and nulls); empty when none were sent. The PEP sent them: trust them only as far as the PEP.
 */
public record AuthZenResource(String type, String id, Map<String, Object> properties) {
    /**
     * Checks that nothing is null and copies the properties.
     *
     * @param type the resource's type, e.g. {@code todo}
     * @param id the resource's id, scoped to its type
     * @param properties its properties as plain Java values; empty when none were sent
     */
    public AuthZenResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }

    /** {@return the Steward resource {@code type:id}, the default mapping} */
    public String typeColonId() {
        return type + ":" + id;
    }
}
