package dev.steward.internal.store;

import static dev.steward.internal.store.Json.parse;
import static dev.steward.internal.store.Json.text;
import static dev.steward.internal.store.Json.instant;
import static dev.steward.internal.store.Json.optional;
import static dev.steward.internal.store.Json.set;
import static dev.steward.internal.store.Json.strings;
import static dev.steward.internal.store.Json.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.IdentityId;
import dev.steward.spi.EntityCodec;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A grant's document; usage (last use, use count) is not in it.
 */
final class GrantCodec implements EntityCodec<Grant> {
    @Override
    public String encode(Grant g) {
        ObjectNode o = Json.object();
        o.put("id", g.id().value());
        o.put("grantee", g.grantee().value());
        strings(o, "actions", g.actions(), Function.identity());
        o.put("resource", g.resource().value());
        o.put("validFrom", g.validFrom().toString());
        g.validUntil().ifPresent(v -> o.put("validUntil", v.toString()));
        g.environment().ifPresent(v -> o.put("environment", v));
        g.maxUses().ifPresent(v -> o.put("maxUses", v));
        o.put("uses", g.uses());
        g.delegatedBy().ifPresent(v -> o.put("delegatedBy", v.value()));
        o.put("justification", g.justification());
        o.put("requestedBy", g.requestedBy().value());
        o.put("requestedAt", g.requestedAt().toString());
        g.approval().ifPresent(a -> approval(o, a));
        o.put("status", g.status().name());
        o.put("statusReason", g.statusReason());
        o.put("updatedAt", g.updatedAt().toString());
        o.put("version", g.version());
        return o.toString();
    }

    @Override
    public Grant decode(String doc) {
        JsonNode o = parse(doc);
        return Grant.builder().id(GrantId.of(text(o, "id"))).grantee(IdentityId.of(text(o, "grantee")))
                .actions(set(o, "actions", Function.identity())).resource(ResourcePattern.parse(text(o, "resource")))
                .validFrom(instant(o, "validFrom")).validUntil(optional(o, "validUntil", Instant::parse))
                .environment(optional(o, "environment", Function.identity()))
                .maxUses(o.has("maxUses") ? OptionalLong.of(o.get("maxUses").asLong()) : OptionalLong.empty())
                .uses(o.path("uses").asLong()).delegatedBy(optional(o, "delegatedBy", IdentityId::of))
                .justification(text(o, "justification")).requestedBy(IdentityId.of(text(o, "requestedBy")))
                .requestedAt(instant(o, "requestedAt")).approval(approval(o))
                .status(GrantStatus.valueOf(text(o, "status"))).statusReason(text(o, "statusReason"))
                .updatedAt(instant(o, "updatedAt")).version(o.path("version").asLong()).build();
    }
}
