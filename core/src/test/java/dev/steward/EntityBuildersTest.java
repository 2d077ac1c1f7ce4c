package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

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
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.generators.SourceDSL;

/**
 * The five entities that grow (identity, grant, credential, review cycle, review item) are built
 * only through their builders: each entity is described once here as, per field, a value for a
 * full snapshot and a change to another value, and every rule is checked for every field.
 */
@SuppressWarnings("ReturnValueIgnored") // builder setters return the builder; the tests call them for their effect
class EntityBuildersTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");
    private static final IdentityId ALICE = IdentityId.of("alice");
    private static final IdentityId BOB = IdentityId.of("bob");
    private static final Approval APPROVAL = new Approval(ALICE, "SEC-42", T0.plusSeconds(5));
    private static final String VERIFIER = "hmac-sha256:dmVyaWZpZXItbXVzdC1uZXZlci1zaG93";

    static Stream<Entity<?, ?>> entities() {
        return Stream.of(identity(), grant(), credential(), reviewCycle(), reviewItem());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    @DisplayName("every field is described once, so each rule below covers every field")
    void everyFieldIsDescribed(Entity<?, ?> entity) {
        assertThat(entity.fields.keySet()).containsExactlyInAnyOrderElementsOf(entity.declaredFields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    @DisplayName("toBuilder().build() equals the original, with the same hash and text")
    void toBuilderRoundTrips(Entity<?, ?> entity) {
        entity.assertRoundTrip();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    @DisplayName("build() names each required field that was not set")
    void missingRequiredFieldIsNamed(Entity<?, ?> entity) {
        entity.assertRequiredFieldsNamed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    @DisplayName("a snapshot that differs in any one field is unequal and hashes differently")
    void anyOneFieldDiffers(Entity<?, ?> entity) {
        entity.assertEachChangeDiffers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    @DisplayName("toString names every field in the record form the entity always printed")
    void toStringNamesFields(Entity<?, ?> entity) {
        entity.assertToStringNamesFields();
    }

    @Test
    @DisplayName("the same changes applied to two copies give equal snapshots; any change gives an unequal one")
    void changesAreConsistent() {
        List<Entity<?, ?>> all = entities().collect(Collectors.toList());
        qt().withExamples(200)
                .forAll(SourceDSL.integers().between(0, all.size() - 1), SourceDSL.lists()
                        .of(SourceDSL.integers().between(0, 25)).ofSizeBetween(1, 6))
                .checkAssert((which, picks) -> all.get(which).assertChangesConsistent(picks));
    }

    @Test
    @DisplayName("a credential's toString leaves out its verifier, secret reference and public key")
    void credentialTextHasNoVerifier() {
        Credential full = credential().full();
        assertThat(full.toString()).doesNotContain(VERIFIER).doesNotContain("verifier")
                .doesNotContain(full.secretRef().orElseThrow()).doesNotContain(full.publicKey().orElseThrow())
                .startsWith("Credential[id=" + full.id());
    }

    @Test
    @DisplayName("a builder's optional fields start empty, collections empty, counts at 0 and the version at 1")
    void defaults() {
        Identity identity = identity().minimal();
        assertThat(identity.owner()).isEmpty();
        assertThat(identity.attributes()).isEmpty();
        assertThat(identity.version()).isEqualTo(1);
        Grant grant = grant().minimal();
        assertThat(grant.actions()).isEmpty();
        assertThat(grant.maxUses()).isEmpty();
        assertThat(grant.uses()).isZero();
        assertThat(grant.useCount()).isZero();
        assertThat(grant.version()).isEqualTo(1);
        ReviewItem item = reviewItem().minimal();
        assertThat(item.risks()).isEmpty();
        assertThat(item.flagged()).isFalse();
        assertThat(item.remindersSent()).isZero();
        assertThat(reviewCycle().minimal().closeAtDue()).isFalse();
        assertThat(credential().minimal().lastUsedAt()).isEmpty();
    }

    @Test
    @DisplayName("collections are copied at build, so changing the argument later changes nothing")
    void collectionsAreCopied() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("team", "payments"));
        Identity identity = identity().builder.get().id(ALICE).kind(IdentityKind.HUMAN).name("Alice")
                .status(IdentityStatus.ACTIVE).environment("prod").attributes(attributes).purpose("")
                .createdBy(ALICE).createdAt(T0).enforcementMode(EnforcementMode.ENFORCE).statusReason("")
                .updatedAt(T0).build();
        attributes.put("team", "changed");
        assertThat(identity.attributes()).containsExactly(Map.entry("team", "payments"));
        Set<String> actions = new LinkedHashSet<>(Set.of("repo:read"));
        Grant grant = grant().full().toBuilder().actions(actions).build();
        actions.add("repo:write");
        assertThat(grant.actions()).containsExactly("repo:read");
    }

    private static Entity<Identity, Identity.Builder> identity() {
        return new Entity<Identity, Identity.Builder>("identity", Identity.class, Identity::builder,
                Identity.Builder::build, Identity::toBuilder)
                .required("id", b -> b.id(ALICE), b -> b.id(BOB))
                .required("kind", b -> b.kind(IdentityKind.AGENT), b -> b.kind(IdentityKind.SERVICE))
                .required("name", b -> b.name("Zoë’s assistant 𝄞"), b -> b.name("other"))
                .required("status", b -> b.status(IdentityStatus.ACTIVE), b -> b.status(IdentityStatus.SUSPENDED))
                .optional("owner", b -> b.owner(BOB), b -> b.owner(Optional.empty()))
                .required("environment", b -> b.environment("prod"), b -> b.environment("staging"))
                .optional("attributes", b -> b.attributes(Map.of("team", "payments")), b -> b.attributes(Map.of()))
                .optional("parent", b -> b.parent(BOB), b -> b.parent(Optional.empty()))
                .required("purpose", b -> b.purpose("review pull requests"), b -> b.purpose(""))
                .required("createdBy", b -> b.createdBy(BOB), b -> b.createdBy(ALICE))
                .required("createdAt", b -> b.createdAt(T0), b -> b.createdAt(T0.plusNanos(1)))
                .optional("expiresAt", b -> b.expiresAt(T0.plusSeconds(60)), b -> b.expiresAt(Optional.empty()))
                .optional("approval", b -> b.approval(APPROVAL), b -> b.approval(Optional.empty()))
                .optional("orphanedAt", b -> b.orphanedAt(T0.plusSeconds(9)), b -> b.orphanedAt(Optional.empty()))
                .required("enforcementMode", b -> b.enforcementMode(EnforcementMode.LOG_ONLY),
                        b -> b.enforcementMode(EnforcementMode.ENFORCE))
                .required("statusReason", b -> b.statusReason("approved"), b -> b.statusReason("other"))
                .required("updatedAt", b -> b.updatedAt(T0.plusSeconds(5)), b -> b.updatedAt(T0))
                .optional("version", b -> b.version(3), b -> b.version(4))
                .optional("reconfirmedAt", b -> b.reconfirmedAt(T0.plusSeconds(7)),
                        b -> b.reconfirmedAt(Optional.empty()));
    }

    private static Entity<Grant, Grant.Builder> grant() {
        return new Entity<Grant, Grant.Builder>("grant", Grant.class, Grant::builder, Grant.Builder::build,
                Grant::toBuilder)
                .required("id", b -> b.id(GrantId.of("g-1")), b -> b.id(GrantId.of("g-2")))
                .required("grantee", b -> b.grantee(BOB), b -> b.grantee(ALICE))
                .optional("actions", b -> b.actions(Set.of("repo:read", "repo:write")),
                        b -> b.actions(Set.of("repo:read")))
                .required("resource", b -> b.resource(ResourcePattern.parse("github:acme/**")),
                        b -> b.resource(ResourcePattern.parse("github:acme/api")))
                .required("validFrom", b -> b.validFrom(T0), b -> b.validFrom(T0.plusNanos(1)))
                .optional("validUntil", b -> b.validUntil(T0.plusSeconds(60)), b -> b.validUntil(Optional.empty()))
                .optional("environment", b -> b.environment("prod"), b -> b.environment(Optional.empty()))
                .optional("maxUses", b -> b.maxUses(5), b -> b.maxUses(OptionalLong.empty()))
                .optional("uses", b -> b.uses(2), b -> b.uses(3))
                .optional("delegatedBy", b -> b.delegatedBy(ALICE), b -> b.delegatedBy(Optional.empty()))
                .required("justification", b -> b.justification("fix bug 7 — für Zoë 𝄞"),
                        b -> b.justification("other"))
                .required("requestedBy", b -> b.requestedBy(BOB), b -> b.requestedBy(ALICE))
                .required("requestedAt", b -> b.requestedAt(T0), b -> b.requestedAt(T0.plusNanos(1)))
                .optional("approval", b -> b.approval(APPROVAL), b -> b.approval(Optional.empty()))
                .required("status", b -> b.status(GrantStatus.ACTIVE), b -> b.status(GrantStatus.REVOKED))
                .required("statusReason", b -> b.statusReason("approved"), b -> b.statusReason("other"))
                .required("updatedAt", b -> b.updatedAt(T0.plusSeconds(5)), b -> b.updatedAt(T0))
                .optional("version", b -> b.version(3), b -> b.version(4))
                .optional("lastUsedAt", b -> b.lastUsedAt(T0.plusSeconds(30)), b -> b.lastUsedAt(Optional.empty()))
                .optional("useCount", b -> b.useCount(17), b -> b.useCount(18));
    }

    private static Entity<Credential, Credential.Builder> credential() {
        return new Entity<Credential, Credential.Builder>("credential", Credential.class, Credential::builder,
                Credential.Builder::build, Credential::toBuilder)
                .required("id", b -> b.id(CredentialId.of("a".repeat(CredentialId.LENGTH))),
                        b -> b.id(CredentialId.of("b".repeat(CredentialId.LENGTH))))
                .required("identity", b -> b.identity(BOB), b -> b.identity(ALICE))
                .required("type", b -> b.type(CredentialType.API_KEY), b -> b.type(CredentialType.PUBLIC_KEY))
                .required("name", b -> b.name("ci-deploy-key"), b -> b.name("other"))
                .required("status", b -> b.status(CredentialStatus.ACTIVE), b -> b.status(CredentialStatus.REVOKED))
                .required("fingerprint", b -> b.fingerprint("sha256:0123456789ab"),
                        b -> b.fingerprint("sha256:ba9876543210"))
                .required("verifier", b -> b.verifier(VERIFIER), b -> b.verifier(""))
                .optional("secretRef", b -> b.secretRef("steward/agents/bob/key"), b -> b.secretRef(Optional.empty()))
                .optional("publicKey", b -> b.publicKey("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="),
                        b -> b.publicKey(Optional.empty()))
                .optional("algorithm", b -> b.algorithm("Ed25519"), b -> b.algorithm(Optional.empty()))
                .required("issuedBy", b -> b.issuedBy(ALICE), b -> b.issuedBy(BOB))
                .required("issuedAt", b -> b.issuedAt(T0), b -> b.issuedAt(T0.plusNanos(1)))
                .optional("expiresAt", b -> b.expiresAt(T0.plusSeconds(60)), b -> b.expiresAt(Optional.empty()))
                .optional("predecessor", b -> b.predecessor(CredentialId.of("c".repeat(CredentialId.LENGTH))),
                        b -> b.predecessor(Optional.empty()))
                .optional("overlapEndsAt", b -> b.overlapEndsAt(T0.plusSeconds(50)),
                        b -> b.overlapEndsAt(Optional.empty()))
                .optional("lastUsedAt", b -> b.lastUsedAt(T0.plusSeconds(30)), b -> b.lastUsedAt(Optional.empty()))
                .optional("useCount", b -> b.useCount(42), b -> b.useCount(43))
                .required("statusReason", b -> b.statusReason("issued"), b -> b.statusReason("other"))
                .required("updatedAt", b -> b.updatedAt(T0.plusSeconds(5)), b -> b.updatedAt(T0))
                .optional("version", b -> b.version(3), b -> b.version(4));
    }

    private static Entity<ReviewCycle, ReviewCycle.Builder> reviewCycle() {
        ReviewScope agents = new ReviewScope(Set.of(IdentityKind.AGENT), Set.of(), Set.of(), Set.of(), Set.of(),
                List.of(), Set.of(), Optional.empty(), Set.of());
        return new Entity<ReviewCycle, ReviewCycle.Builder>("reviewCycle", ReviewCycle.class, ReviewCycle::builder,
                ReviewCycle.Builder::build, ReviewCycle::toBuilder)
                .required("id", b -> b.id(ReviewCycleId.of("cycle-1")), b -> b.id(ReviewCycleId.of("cycle-2")))
                .required("name", b -> b.name("Q3 — für Zoë 𝄞"), b -> b.name("other"))
                .required("origin", b -> b.origin(ReviewOrigin.CAMPAIGN), b -> b.origin(other(ReviewOrigin.CAMPAIGN)))
                .required("status", b -> b.status(ReviewCycleStatus.OPEN), b -> b.status(ReviewCycleStatus.CLOSED))
                .required("scope", b -> b.scope(ReviewScope.everything()), b -> b.scope(agents))
                .required("createdBy", b -> b.createdBy(ALICE), b -> b.createdBy(BOB))
                .required("openedAt", b -> b.openedAt(T0), b -> b.openedAt(T0.plusNanos(1)))
                .required("dueAt", b -> b.dueAt(T0.plusSeconds(60)), b -> b.dueAt(T0.plusSeconds(61)))
                .optional("fallbackReviewer", b -> b.fallbackReviewer(BOB), b -> b.fallbackReviewer(Optional.empty()))
                .optional("escalateTo", b -> b.escalateTo(BOB), b -> b.escalateTo(Optional.empty()))
                .optional("reminderInterval", b -> b.reminderInterval(Duration.ofDays(2)),
                        b -> b.reminderInterval(Optional.empty()))
                .optional("escalateAfter", b -> b.escalateAfter(Duration.ofDays(10)),
                        b -> b.escalateAfter(Optional.empty()))
                .optional("closeAtDue", b -> b.closeAtDue(true), b -> b.closeAtDue(false))
                .required("undecided", b -> b.undecided(UndecidedPolicy.REVOKE),
                        b -> b.undecided(UndecidedPolicy.KEEP_AND_FLAG))
                .required("revocation", b -> b.revocation(RevocationTiming.AT_CLOSE),
                        b -> b.revocation(RevocationTiming.IMMEDIATELY))
                .optional("recurEvery", b -> b.recurEvery(Duration.ofDays(90)), b -> b.recurEvery(Optional.empty()))
                .optional("previousCycle", b -> b.previousCycle(ReviewCycleId.of("cycle-0")),
                        b -> b.previousCycle(Optional.empty()))
                .optional("itemCount", b -> b.itemCount(1_000_000), b -> b.itemCount(999_999))
                .optional("closedAt", b -> b.closedAt(T0.plusSeconds(70)), b -> b.closedAt(Optional.empty()))
                .optional("closedBy", b -> b.closedBy(BOB), b -> b.closedBy(Optional.empty()))
                .required("statusReason", b -> b.statusReason("opened"), b -> b.statusReason("other"))
                .required("updatedAt", b -> b.updatedAt(T0.plusSeconds(5)), b -> b.updatedAt(T0))
                .optional("version", b -> b.version(3), b -> b.version(4));
    }

    private static Entity<ReviewItem, ReviewItem.Builder> reviewItem() {
        return new Entity<ReviewItem, ReviewItem.Builder>("reviewItem", ReviewItem.class, ReviewItem::builder,
                ReviewItem.Builder::build, ReviewItem::toBuilder)
                .required("id", b -> b.id(ReviewItemId.of("item-1")), b -> b.id(ReviewItemId.of("item-2")))
                .required("cycle", b -> b.cycle(ReviewCycleId.of("cycle-1")), b -> b.cycle(ReviewCycleId.of("cycle-2")))
                .required("kind", b -> b.kind(ReviewItemKind.OWNERSHIP), b -> b.kind(ReviewItemKind.GRANT))
                .required("target", b -> b.target("agent-1"), b -> b.target("agent-2"))
                .required("subject", b -> b.subject(BOB), b -> b.subject(ALICE))
                .required("subjectKind", b -> b.subjectKind(IdentityKind.AGENT),
                        b -> b.subjectKind(IdentityKind.SERVICE))
                .optional("subjectOwner", b -> b.subjectOwner(ALICE), b -> b.subjectOwner(Optional.empty()))
                .required("summary", b -> b.summary("AGENT 'Zoë’s assistant 𝄞' owned by alice"), b -> b.summary("x"))
                .optional("risks", b -> b.risks(Set.of(ReviewRisk.UNUSED, ReviewRisk.DELEGATED)),
                        b -> b.risks(Set.of(ReviewRisk.UNUSED)))
                .optional("lastUsedAt", b -> b.lastUsedAt(T0.plusSeconds(3)), b -> b.lastUsedAt(Optional.empty()))
                .optional("useCount", b -> b.useCount(42), b -> b.useCount(43))
                .optional("reviewer", b -> b.reviewer(BOB), b -> b.reviewer(Optional.empty()))
                .optional("forwardedFrom", b -> b.forwardedFrom(ALICE), b -> b.forwardedFrom(Optional.empty()))
                .required("status", b -> b.status(ReviewItemStatus.DECIDED), b -> b.status(ReviewItemStatus.PENDING))
                .optional("decision", b -> b.decision(ReviewDecision.REASSIGN), b -> b.decision(Optional.empty()))
                .optional("decidedBy", b -> b.decidedBy(BOB), b -> b.decidedBy(Optional.empty()))
                .optional("decidedAt", b -> b.decidedAt(T0.plusSeconds(9)), b -> b.decidedAt(Optional.empty()))
                .required("comment", b -> b.comment("passes to carol — für Zoë 𝄞"), b -> b.comment(""))
                .optional("newOwner", b -> b.newOwner(IdentityId.of("carol")), b -> b.newOwner(Optional.empty()))
                .optional("revokedAt", b -> b.revokedAt(T0.plusSeconds(9)), b -> b.revokedAt(Optional.empty()))
                .optional("flagged", b -> b.flagged(true), b -> b.flagged(false))
                .optional("remindersSent", b -> b.remindersSent(3), b -> b.remindersSent(4))
                .optional("lastRemindedAt", b -> b.lastRemindedAt(T0.plusSeconds(4)),
                        b -> b.lastRemindedAt(Optional.empty()))
                .optional("escalatedAt", b -> b.escalatedAt(T0.plusSeconds(6)), b -> b.escalatedAt(Optional.empty()))
                .required("updatedAt", b -> b.updatedAt(T0.plusSeconds(9)), b -> b.updatedAt(T0))
                .optional("version", b -> b.version(3), b -> b.version(4));
    }

    private static <E extends Enum<E>> E other(E value) {
        E[] all = value.getDeclaringClass().getEnumConstants();
        return all[(value.ordinal() + 1) % all.length];
    }

    /**
     * One entity type: per field, whether build() requires it, the value a full snapshot holds, and
     * a change to another value.
     */
    static final class Entity<T, B> {
        private record Described<B>(boolean required, UnaryOperator<B> set, UnaryOperator<B> change) {
        }

        private final String prefix;
        private final Class<T> type;
        private final Supplier<B> builder;
        private final Function<B, T> build;
        private final Function<T, B> toBuilder;
        private final Map<String, Described<B>> fields = new LinkedHashMap<>();

        Entity(String prefix, Class<T> type, Supplier<B> builder, Function<B, T> build, Function<T, B> toBuilder) {
            this.prefix = prefix;
            this.type = type;
            this.builder = builder;
            this.build = build;
            this.toBuilder = toBuilder;
        }

        Entity<T, B> required(String field, UnaryOperator<B> set, UnaryOperator<B> change) {
            fields.put(field, new Described<>(true, set, change));
            return this;
        }

        Entity<T, B> optional(String field, UnaryOperator<B> set, UnaryOperator<B> change) {
            fields.put(field, new Described<>(false, set, change));
            return this;
        }

        /** {@return a snapshot with every field set to its described value} */
        T full() {
            B b = builder.get();
            fields.values().forEach(d -> d.set().apply(b));
            return build.apply(b);
        }

        /** {@return a snapshot with only the required fields set} */
        T minimal() {
            B b = builder.get();
            fields.values().stream().filter(Described::required).forEach(d -> d.set().apply(b));
            return build.apply(b);
        }

        List<String> declaredFields() {
            return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                    .map(Field::getName).collect(Collectors.toList());
        }

        void assertRoundTrip() {
            for (T original : List.of(full(), minimal())) {
                T copy = build.apply(toBuilder.apply(original));
                assertThat(copy).isEqualTo(original).isNotSameAs(original);
                assertThat(copy.hashCode()).isEqualTo(original.hashCode());
                assertThat(copy.toString()).isEqualTo(original.toString());
            }
        }

        void assertRequiredFieldsNamed() {
            fields.forEach((name, described) -> {
                if (described.required()) {
                    B b = builder.get();
                    fields.forEach((other, d) -> {
                        if (!other.equals(name)) {
                            d.set().apply(b);
                        }
                    });
                    assertThatThrownBy(() -> build.apply(b)).as("%s without %s", type.getSimpleName(), name)
                            .isInstanceOfSatisfying(ValidationException.class, e -> {
                                assertThat(e.field()).isEqualTo(prefix + "." + name);
                                assertThat(e.getMessage()).isEqualTo(prefix + "." + name + ": is required");
                            });
                }
            });
        }

        void assertEachChangeDiffers() {
            T full = full();
            fields.forEach((name, described) -> {
                T changed = build.apply(described.change().apply(toBuilder.apply(full)));
                assertThat(changed).as("%s with another %s", type.getSimpleName(), name).isNotEqualTo(full);
                assertThat(changed.hashCode()).as("hash of %s with another %s", type.getSimpleName(), name)
                        .isNotEqualTo(full.hashCode());
            });
        }

        void assertToStringNamesFields() {
            String text = minimal().toString();
            assertThat(text).startsWith(type.getSimpleName() + "[").endsWith("]");
            if (type != Credential.class) {
                fields.keySet().forEach(name -> assertThat(text).as("text of %s", type.getSimpleName())
                        .containsPattern("[\\[ ]" + name + "="));
            }
        }

        /** Applies the same changes (field indexes, modulo the field count) to two copies of the full snapshot. */
        void assertChangesConsistent(List<Integer> picks) {
            List<Described<B>> described = new ArrayList<>(fields.values());
            B first = toBuilder.apply(full());
            B second = toBuilder.apply(full());
            for (int pick : picks) {
                described.get(pick % described.size()).change().apply(first);
                described.get(pick % described.size()).change().apply(second);
            }
            T a = build.apply(first);
            T b = build.apply(second);
            assertThat(a).isEqualTo(b);
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
            assertThat(a).isNotEqualTo(full());
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }
}
