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
}
