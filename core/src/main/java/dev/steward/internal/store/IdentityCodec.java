package dev.steward.internal.store;

import static dev.steward.internal.store.Json.parse;
import static dev.steward.internal.store.Json.text;
import static dev.steward.internal.store.Json.instant;
import static dev.steward.internal.store.Json.optional;
import static dev.steward.internal.store.Json.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.authz.EnforcementMode;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.spi.EntityCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An identity's document.
 */
final class IdentityCodec implements EntityCodec<Identity> {
    @Override
    public String encode(Identity i) {
        ObjectNode o = Json.object();
        o.put("id", i.id().value());
        o.put("kind", i.kind().name());
        o.put("name", i.name());
        o.put("status", i.status().name());
        i.owner().ifPresent(v -> o.put("owner", v.value()));
        o.put("environment", i.environment());
        ObjectNode attributes = o.putObject("attributes");
        i.attributes().forEach(attributes::put);
        i.parent().ifPresent(v -> o.put("parent", v.value()));
        o.put("purpose", i.purpose());
        o.put("createdBy", i.createdBy().value());
        o.put("createdAt", i.createdAt().toString());
        i.expiresAt().ifPresent(v -> o.put("expiresAt", v.toString()));
        i.approval().ifPresent(a -> approval(o, a));
        i.orphanedAt().ifPresent(v -> o.put("orphanedAt", v.toString()));
        o.put("enforcementMode", i.enforcementMode().name());
        o.put("statusReason", i.statusReason());
        o.put("updatedAt", i.updatedAt().toString());
        o.put("version", i.version());
        i.reconfirmedAt().ifPresent(v -> o.put("reconfirmedAt", v.toString()));
        i.suspensionCause().ifPresent(v -> o.put("suspensionCause", v.name()));
        return o.toString();
    }

    @Override
    public Identity decode(String doc) {
        JsonNode o = parse(doc);
        Map<String, String> attributes = new LinkedHashMap<>();
        o.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return Identity.builder().id(IdentityId.of(text(o, "id"))).kind(IdentityKind.valueOf(text(o, "kind")))
                .name(text(o, "name")).status(IdentityStatus.valueOf(text(o, "status")))
                .owner(optional(o, "owner", IdentityId::of)).environment(text(o, "environment"))
                .attributes(attributes).parent(optional(o, "parent", IdentityId::of)).purpose(text(o, "purpose"))
                .createdBy(IdentityId.of(text(o, "createdBy"))).createdAt(instant(o, "createdAt"))
                .expiresAt(optional(o, "expiresAt", Instant::parse)).approval(approval(o))
                .orphanedAt(optional(o, "orphanedAt", Instant::parse))
                .enforcementMode(EnforcementMode.valueOf(text(o, "enforcementMode")))
                .statusReason(text(o, "statusReason")).updatedAt(instant(o, "updatedAt"))
                .version(o.path("version").asLong()).reconfirmedAt(optional(o, "reconfirmedAt", Instant::parse))
                .suspensionCause(optional(o, "suspensionCause", SuspensionCause::valueOf))
                .build();
    }
}
