package dev.steward.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.ValidationException;
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
import dev.steward.identity.SuspensionCause;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewRisk;
import dev.steward.review.ReviewScope;
import dev.steward.review.RevocationTiming;
import dev.steward.review.UndecidedPolicy;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
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
 * The {@code doc} column: each entity as one JSON object whose field names are the entity's
 * accessor names, instants as ISO-8601 strings (nanoseconds kept), absent optionals left out.
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
        i.reconfirmedAt().ifPresent(v -> o.put("reconfirmedAt", v.toString()));
        i.suspensionCause().ifPresent(v -> o.put("suspensionCause", v.name()));
        return o.toString();
    }

    static Identity identity(String doc) {
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

    /** Usage (last use, use count) lives in its own columns, written only by usage recording. */
    static String grant(Grant g) {
        ObjectNode o = JSON.createObjectNode();
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

    static Grant grant(String doc, Optional<Instant> lastUsedAt, long useCount) {
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
                .updatedAt(instant(o, "updatedAt")).version(o.path("version").asLong()).lastUsedAt(lastUsedAt)
                .useCount(useCount).build();
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
        return Credential.builder().id(CredentialId.of(text(o, "id"))).identity(IdentityId.of(text(o, "identity")))
                .type(CredentialType.valueOf(text(o, "type"))).name(text(o, "name"))
                .status(CredentialStatus.valueOf(text(o, "status"))).fingerprint(text(o, "fingerprint"))
                .verifier(text(o, "verifier")).secretRef(optional(o, "secretRef", Function.identity()))
                .publicKey(optional(o, "publicKey", Function.identity()))
                .algorithm(optional(o, "algorithm", Function.identity())).issuedBy(IdentityId.of(text(o, "issuedBy")))
                .issuedAt(instant(o, "issuedAt")).expiresAt(optional(o, "expiresAt", Instant::parse))
                .predecessor(optional(o, "predecessor", CredentialId::of))
                .overlapEndsAt(optional(o, "overlapEndsAt", Instant::parse)).lastUsedAt(lastUsedAt).useCount(useCount)
                .statusReason(text(o, "statusReason")).updatedAt(instant(o, "updatedAt"))
                .version(o.path("version").asLong()).build();
    }

    static String reviewCycle(ReviewCycle c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id().value());
        o.put("name", c.name());
        o.put("origin", c.origin().name());
        o.put("status", c.status().name());
        ReviewScope scope = c.scope();
        ObjectNode sc = o.putObject("scope");
        strings(sc, "identityKinds", scope.identityKinds(), IdentityKind::name);
        strings(sc, "owners", scope.owners(), IdentityId::value);
        strings(sc, "environments", scope.environments(), Function.identity());
        strings(sc, "subjects", scope.subjects(), IdentityId::value);
        strings(sc, "itemKinds", scope.itemKinds(), ReviewItemKind::name);
        strings(sc, "resourcePatterns", scope.resourcePatterns(), Function.identity());
        strings(sc, "risks", scope.risks(), ReviewRisk::name);
        scope.unusedFor().ifPresent(v -> sc.put("unusedFor", v.toString()));
        strings(sc, "privilegedActions", scope.privilegedActions(), Function.identity());
        o.put("createdBy", c.createdBy().value());
        o.put("openedAt", c.openedAt().toString());
        o.put("dueAt", c.dueAt().toString());
        c.fallbackReviewer().ifPresent(v -> o.put("fallbackReviewer", v.value()));
        c.escalateTo().ifPresent(v -> o.put("escalateTo", v.value()));
        c.reminderInterval().ifPresent(v -> o.put("reminderInterval", v.toString()));
        c.escalateAfter().ifPresent(v -> o.put("escalateAfter", v.toString()));
        o.put("closeAtDue", c.closeAtDue());
        o.put("undecided", c.undecided().name());
        o.put("revocation", c.revocation().name());
        c.recurEvery().ifPresent(v -> o.put("recurEvery", v.toString()));
        c.previousCycle().ifPresent(v -> o.put("previousCycle", v.value()));
        o.put("itemCount", c.itemCount());
        c.closedAt().ifPresent(v -> o.put("closedAt", v.toString()));
        c.closedBy().ifPresent(v -> o.put("closedBy", v.value()));
        o.put("statusReason", c.statusReason());
        o.put("updatedAt", c.updatedAt().toString());
        o.put("version", c.version());
        return o.toString();
    }

    static ReviewCycle reviewCycle(String doc) {
        JsonNode o = parse(doc);
        JsonNode sc = o.path("scope");
        ReviewScope scope = new ReviewScope(set(sc, "identityKinds", IdentityKind::valueOf), set(sc, "owners",
                IdentityId::of), set(sc, "environments", Function.identity()), set(sc, "subjects", IdentityId::of),
                set(sc, "itemKinds", ReviewItemKind::valueOf), List.copyOf(set(sc, "resourcePatterns",
                        Function.identity())), set(sc, "risks", ReviewRisk::valueOf),
                optional(sc, "unusedFor", Duration::parse), set(sc, "privilegedActions", Function.identity()));
        return ReviewCycle.builder().id(ReviewCycleId.of(text(o, "id"))).name(text(o, "name"))
                .origin(ReviewOrigin.valueOf(text(o, "origin"))).status(ReviewCycleStatus.valueOf(text(o, "status")))
                .scope(scope).createdBy(IdentityId.of(text(o, "createdBy"))).openedAt(instant(o, "openedAt"))
                .dueAt(instant(o, "dueAt")).fallbackReviewer(optional(o, "fallbackReviewer", IdentityId::of))
                .escalateTo(optional(o, "escalateTo", IdentityId::of))
                .reminderInterval(optional(o, "reminderInterval", Duration::parse))
                .escalateAfter(optional(o, "escalateAfter", Duration::parse))
                .closeAtDue(o.path("closeAtDue").asBoolean()).undecided(UndecidedPolicy.valueOf(text(o, "undecided")))
                .revocation(RevocationTiming.valueOf(text(o, "revocation")))
                .recurEvery(optional(o, "recurEvery", Duration::parse))
                .previousCycle(optional(o, "previousCycle", ReviewCycleId::of)).itemCount(o.path("itemCount").asLong())
                .closedAt(optional(o, "closedAt", Instant::parse)).closedBy(optional(o, "closedBy", IdentityId::of))
                .statusReason(text(o, "statusReason")).updatedAt(instant(o, "updatedAt"))
                .version(o.path("version").asLong()).build();
    }

    static String reviewItem(ReviewItem i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", i.id().value());
        o.put("cycle", i.cycle().value());
        o.put("kind", i.kind().name());
        o.put("target", i.target());
        o.put("subject", i.subject().value());
        o.put("subjectKind", i.subjectKind().name());
        i.subjectOwner().ifPresent(v -> o.put("subjectOwner", v.value()));
        o.put("summary", i.summary());
        strings(o, "risks", i.risks(), ReviewRisk::name);
        i.lastUsedAt().ifPresent(v -> o.put("lastUsedAt", v.toString()));
        o.put("useCount", i.useCount());
        i.reviewer().ifPresent(v -> o.put("reviewer", v.value()));
        i.forwardedFrom().ifPresent(v -> o.put("forwardedFrom", v.value()));
        o.put("status", i.status().name());
        i.decision().ifPresent(v -> o.put("decision", v.name()));
        i.decidedBy().ifPresent(v -> o.put("decidedBy", v.value()));
        i.decidedAt().ifPresent(v -> o.put("decidedAt", v.toString()));
        o.put("comment", i.comment());
        i.newOwner().ifPresent(v -> o.put("newOwner", v.value()));
        i.revokedAt().ifPresent(v -> o.put("revokedAt", v.toString()));
        o.put("flagged", i.flagged());
        o.put("remindersSent", i.remindersSent());
        i.lastRemindedAt().ifPresent(v -> o.put("lastRemindedAt", v.toString()));
        i.escalatedAt().ifPresent(v -> o.put("escalatedAt", v.toString()));
        o.put("updatedAt", i.updatedAt().toString());
        o.put("version", i.version());
        return o.toString();
    }

    static ReviewItem reviewItem(String doc) {
        JsonNode o = parse(doc);
        return ReviewItem.builder().id(ReviewItemId.of(text(o, "id"))).cycle(ReviewCycleId.of(text(o, "cycle")))
                .kind(ReviewItemKind.valueOf(text(o, "kind"))).target(text(o, "target"))
                .subject(IdentityId.of(text(o, "subject"))).subjectKind(IdentityKind.valueOf(text(o, "subjectKind")))
                .subjectOwner(optional(o, "subjectOwner", IdentityId::of)).summary(text(o, "summary"))
                .risks(set(o, "risks", ReviewRisk::valueOf)).lastUsedAt(optional(o, "lastUsedAt", Instant::parse))
                .useCount(o.path("useCount").asLong()).reviewer(optional(o, "reviewer", IdentityId::of))
                .forwardedFrom(optional(o, "forwardedFrom", IdentityId::of))
                .status(ReviewItemStatus.valueOf(text(o, "status")))
                .decision(optional(o, "decision", ReviewDecision::valueOf))
                .decidedBy(optional(o, "decidedBy", IdentityId::of)).decidedAt(optional(o, "decidedAt", Instant::parse))
                .comment(text(o, "comment")).newOwner(optional(o, "newOwner", IdentityId::of))
                .revokedAt(optional(o, "revokedAt", Instant::parse)).flagged(o.path("flagged").asBoolean())
                .remindersSent(o.path("remindersSent").asInt())
                .lastRemindedAt(optional(o, "lastRemindedAt", Instant::parse))
                .escalatedAt(optional(o, "escalatedAt", Instant::parse)).updatedAt(instant(o, "updatedAt"))
                .version(o.path("version").asLong()).build();
    }

    /** One export writer for a whole batch: its JSON Lines, one document per event. */
    static List<String> events(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        StringWriter out = new StringWriter(events.size() * 512);
        AuditExport.writeJsonLines(events, out);
        List<String> docs = List.of(out.toString().split("\n"));
        if (docs.size() != events.size()) {
            throw new IllegalStateException("the audit export wrote " + docs.size() + " lines for " + events.size()
                    + " events");
        }
        return docs;
    }

    static AuditEvent event(String doc) {
        return single(doc, "event", AuditExport::readJsonLines);
    }

    static String checkpoint(AuditCheckpoint checkpoint) {
        StringWriter out = new StringWriter();
        AuditExport.writeCheckpoints(List.of(checkpoint), out);
        return out.toString();
    }

    static AuditCheckpoint checkpoint(String doc) {
        return single(doc, "checkpoint", AuditExport::readCheckpoints);
    }

    /**
     * A stored audit row changed behind the store's back (emptied, split into lines, or not in
     * exported form) is a damaged store, not bad input from the caller: it is reported as such.
     */
    private static <T> T single(String doc, String what, Function<StringReader, List<T>> read) {
        List<T> records;
        try {
            records = read.apply(new StringReader(doc == null ? "" : doc));
        } catch (ValidationException e) {
            throw new IllegalStateException("a stored audit " + what + " is not in exported form: " + e.getMessage(), e);
        }
        if (records.size() != 1) {
            throw new IllegalStateException("a stored audit " + what + " row holds " + records.size()
                    + " records, not one");
        }
        return records.get(0);
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

    private static <T> void strings(ObjectNode o, String field, java.util.Collection<T> values,
            Function<T, String> text) {
        ArrayNode array = o.putArray(field);
        values.forEach(v -> array.add(text.apply(v)));
    }

    private static <T> Set<T> set(JsonNode o, String field, Function<String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        o.path(field).forEach(v -> values.add(parse.apply(v.asText())));
        return values;
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
