package dev.steward.internal.store;

import static dev.steward.internal.store.Json.parse;
import static dev.steward.internal.store.Json.text;
import static dev.steward.internal.store.Json.instant;
import static dev.steward.internal.store.Json.optional;
import static dev.steward.internal.store.Json.set;
import static dev.steward.internal.store.Json.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewRisk;
import dev.steward.spi.EntityCodec;
import java.time.Instant;

/**
 * A review item's document.
 */
final class ReviewItemCodec implements EntityCodec<ReviewItem> {
    @Override
    public String encode(ReviewItem i) {
        ObjectNode o = Json.object();
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

    @Override
    public ReviewItem decode(String doc) {
        JsonNode o = parse(doc);
        return new ReviewItem(ReviewItemId.of(text(o, "id")), ReviewCycleId.of(text(o, "cycle")),
                ReviewItemKind.valueOf(text(o, "kind")), text(o, "target"), IdentityId.of(text(o, "subject")),
                IdentityKind.valueOf(text(o, "subjectKind")), optional(o, "subjectOwner", IdentityId::of),
                text(o, "summary"), set(o, "risks", ReviewRisk::valueOf), optional(o, "lastUsedAt", Instant::parse),
                o.path("useCount").asLong(), optional(o, "reviewer", IdentityId::of),
                optional(o, "forwardedFrom", IdentityId::of), ReviewItemStatus.valueOf(text(o, "status")),
                optional(o, "decision", ReviewDecision::valueOf), optional(o, "decidedBy", IdentityId::of),
                optional(o, "decidedAt", Instant::parse), text(o, "comment"), optional(o, "newOwner", IdentityId::of),
                optional(o, "revokedAt", Instant::parse), o.path("flagged").asBoolean(),
                o.path("remindersSent").asInt(), optional(o, "lastRemindedAt", Instant::parse),
                optional(o, "escalatedAt", Instant::parse), instant(o, "updatedAt"), o.path("version").asLong());
    }
}
