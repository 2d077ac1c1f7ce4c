package dev.steward.internal.store;

import static dev.steward.internal.store.Json.parse;
import static dev.steward.internal.store.Json.text;
import static dev.steward.internal.store.Json.instant;
import static dev.steward.internal.store.Json.optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.identity.IdentityId;
import dev.steward.spi.EntityCodec;
import java.time.Instant;
import java.util.function.Function;

/**
 * A credential's document; usage (last use, use count) is not in it.
 */
final class CredentialCodec implements EntityCodec<Credential> {
    @Override
    public String encode(Credential c) {
        ObjectNode o = Json.object();
        o.put("id", c.id().value());
        o.put("identity", c.identity().value());
        o.put("type", c.type().name());
        o.put("name", c.name());
        o.put("status", c.status().name());
        o.put("fingerprint", c.fingerprint());
        o.put("verifier", c.verifier());
        c.secretRef().ifPresent(v -> o.put("secretRef", v));
        c.publicKey().ifPresent(v -> o.put("publicKey", v));
        c.algorithm().ifPresent(v -> o.put("algorithm", v));
        o.put("issuedBy", c.issuedBy().value());
        o.put("issuedAt", c.issuedAt().toString());
        c.expiresAt().ifPresent(v -> o.put("expiresAt", v.toString()));
        c.predecessor().ifPresent(v -> o.put("predecessor", v.value()));
        c.overlapEndsAt().ifPresent(v -> o.put("overlapEndsAt", v.toString()));
        o.put("statusReason", c.statusReason());
        o.put("updatedAt", c.updatedAt().toString());
        o.put("version", c.version());
        return o.toString();
    }

    @Override
    public Credential decode(String doc) {
        JsonNode o = parse(doc);
        return Credential.builder().id(CredentialId.of(text(o, "id"))).identity(IdentityId.of(text(o, "identity")))
                .type(CredentialType.valueOf(text(o, "type"))).name(text(o, "name"))
                .status(CredentialStatus.valueOf(text(o, "status"))).fingerprint(text(o, "fingerprint"))
                .verifier(text(o, "verifier")).secretRef(optional(o, "secretRef", Function.identity()))
                .publicKey(optional(o, "publicKey", Function.identity()))
                .algorithm(optional(o, "algorithm", Function.identity())).issuedBy(IdentityId.of(text(o, "issuedBy")))
                .issuedAt(instant(o, "issuedAt")).expiresAt(optional(o, "expiresAt", Instant::parse))
                .predecessor(optional(o, "predecessor", CredentialId::of))
                .overlapEndsAt(optional(o, "overlapEndsAt", Instant::parse))
                .statusReason(text(o, "statusReason")).updatedAt(instant(o, "updatedAt"))
                .version(o.path("version").asLong()).build();
    }
}
