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
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewRisk;
import dev.steward.review.ReviewScope;
import dev.steward.review.RevocationTiming;
import dev.steward.review.UndecidedPolicy;
import dev.steward.spi.EntityCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A review cycle's document.
 */
final class ReviewCycleCodec implements EntityCodec<ReviewCycle> {
    @Override
    public String encode(ReviewCycle c) {
        ObjectNode o = Json.object();
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

    @Override
    public ReviewCycle decode(String doc) {
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
}
