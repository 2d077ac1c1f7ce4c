package dev.steward.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import dev.steward.authz.EnforcementMode;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code doc} column: each entity as one JSON object whose field names are the record's
 * component names, instants as ISO-8601 strings (nanoseconds kept), absent optionals left out.
 * Written by hand rather than by data binding, so the stored format changes only on purpose.
 * Audit events and checkpoints use the audit export's JSON, which the audit verifier already reads.
 */
final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    static String identity(Identity i) {
        ObjectNode o = JSON.createObjectNode();
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
        return o.toString();
    }

    static Identity identity(String doc) {
        JsonNode o = parse(doc);
        Map<String, String> attributes = new LinkedHashMap<>();
        o.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new Identity(IdentityId.of(text(o, "id")), IdentityKind.valueOf(text(o, "kind")), text(o, "name"),
                IdentityStatus.valueOf(text(o, "status")), optional(o, "owner", IdentityId::of),
                text(o, "environment"), attributes, optional(o, "parent", IdentityId::of), text(o, "purpose"),
                IdentityId.of(text(o, "createdBy")), instant(o, "createdAt"), optional(o, "expiresAt", Instant::parse),
                approval(o), optional(o, "orphanedAt", Instant::parse),
                EnforcementMode.valueOf(text(o, "enforcementMode")), text(o, "statusReason"), instant(o, "updatedAt"),
                o.path("version").asLong());
    }

    static String grant(Grant g) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", g.id().value());
        o.put("grantee", g.grantee().value());
        ArrayNode actions = o.putArray("actions");
        g.actions().forEach(actions::add);
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

    static Grant grant(String doc) {
        JsonNode o = parse(doc);
        Set<String> actions = new LinkedHashSet<>();
        o.path("actions").forEach(a -> actions.add(a.asText()));
        return new Grant(GrantId.of(text(o, "id")), IdentityId.of(text(o, "grantee")), actions,
                ResourcePattern.parse(text(o, "resource")), instant(o, "validFrom"),
                optional(o, "validUntil", Instant::parse), optional(o, "environment", Function.identity()),
                o.has("maxUses") ? OptionalLong.of(o.get("maxUses").asLong()) : OptionalLong.empty(),
                o.path("uses").asLong(), optional(o, "delegatedBy", IdentityId::of), text(o, "justification"),
                IdentityId.of(text(o, "requestedBy")), instant(o, "requestedAt"), approval(o),
                GrantStatus.valueOf(text(o, "status")), text(o, "statusReason"), instant(o, "updatedAt"),
                o.path("version").asLong());
    }

    /** Usage (last use, use count) lives in its own columns, written only by usage recording. */
    static String credential(Credential c) {
        ObjectNode o = JSON.createObjectNode();
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

    static Credential credential(String doc, Optional<Instant> lastUsedAt, long useCount) {
        JsonNode o = parse(doc);
        return new Credential(CredentialId.of(text(o, "id")), IdentityId.of(text(o, "identity")),
                CredentialType.valueOf(text(o, "type")), text(o, "name"), CredentialStatus.valueOf(text(o, "status")),
                text(o, "fingerprint"), text(o, "verifier"), optional(o, "secretRef", Function.identity()),
                optional(o, "publicKey", Function.identity()), optional(o, "algorithm", Function.identity()),
                IdentityId.of(text(o, "issuedBy")), instant(o, "issuedAt"), optional(o, "expiresAt", Instant::parse),
                optional(o, "predecessor", CredentialId::of), optional(o, "overlapEndsAt", Instant::parse),
                lastUsedAt, useCount, text(o, "statusReason"), instant(o, "updatedAt"), o.path("version").asLong());
    }

    static String event(AuditEvent event) {
        StringWriter out = new StringWriter();
        AuditExport.writeJsonLines(List.of(event), out);
        return out.toString();
    }

    static AuditEvent event(String doc) {
        return AuditExport.readJsonLines(new StringReader(doc)).get(0);
    }

    static String checkpoint(AuditCheckpoint checkpoint) {
        StringWriter out = new StringWriter();
        AuditExport.writeCheckpoints(List.of(checkpoint), out);
        return out.toString();
    }

    static AuditCheckpoint checkpoint(String doc) {
        return AuditExport.readCheckpoints(new StringReader(doc)).get(0);
    }

    private static void approval(ObjectNode o, Approval a) {
        ObjectNode node = o.putObject("approval");
        node.put("approver", a.approver().value());
        node.put("reference", a.reference());
        node.put("at", a.at().toString());
    }

    private static Optional<Approval> approval(JsonNode o) {
        JsonNode a = o.get("approval");
        return a == null ? Optional.empty()
                : Optional.of(new Approval(IdentityId.of(text(a, "approver")), text(a, "reference"), instant(a, "at")));
    }

    private static JsonNode parse(String doc) {
        try {
            return JSON.readTree(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored document is not JSON", e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("a stored document lacks its " + field);
        }
        return v.asText();
    }

    private static Instant instant(JsonNode o, String field) {
        return Instant.parse(text(o, field));
    }

    private static <T> Optional<T> optional(JsonNode o, String field, Function<String, T> parse) {
        return o.has(field) ? Optional.of(parse.apply(text(o, field))) : Optional.empty();
    }
}
