package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditEvent;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialSpec;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantSpec;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewItemId;
import dev.steward.spi.SecretRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text that enters the API is refused when it holds a character that can disguise it, inject
 * a line into a log, or be read differently by another layer: each field class is checked with the
 * same hostile characters.
 */
class IdentifierValidationTest {
    /** Characters no field accepts, with what the rule says about them. */
    static final Map<String, String> HOSTILE = hostile();

    private static Map<String, String> hostile() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE (a Unicode format character)");
        m.put("\u200B", "U+200B ZERO WIDTH SPACE (a Unicode format character)");
        m.put("\uFEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE (a Unicode format character)");
        m.put("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE (a Unicode format character)");
        m.put("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE (a Unicode format character)");
        m.put("\u2068", "U+2068 FIRST STRONG ISOLATE (a Unicode format character)");
        m.put("\u2069", "U+2069 POP DIRECTIONAL ISOLATE (a Unicode format character)");
        m.put("\u0378", "U+0378 (an unassigned code point)");
        m.put("\uD800", "U+D800 (a lone surrogate)");
        m.put("\uE000", "U+E000 (a private-use code point)");
        m.put("\u3164", "U+3164 HANGUL FILLER (an invisible character)");
        m.put("\r", "U+000D CARRIAGE RETURN (CR) (a control character)");
        m.put("\n", "U+000A LINE FEED (LF) (a control character)");
        m.put("\u0000", "U+0000 NULL (a control character)");
        m.put("\u0085", "U+0085 NEXT LINE (NEL) (a control character)");
        m.put("\u2028", "U+2028 LINE SEPARATOR (a line or paragraph separator)");
        return m;
    }

    static Stream<Arguments> hostileCharacters() {
        return HOSTILE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** A field that accepts or refuses a value. */
    record Field(String name, Consumer<String> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final IdentityId SOMEONE = IdentityId.of("someone");

    static List<Field> ids() {
        return List.of(
                new Field("identityId", IdentityId::of),
                new Field("grantId", GrantId::of),
                new Field("credentialId", CredentialId::of),
                new Field("reviewCycleId", ReviewCycleId::new),
                new Field("reviewItemId", ReviewItemId::new),
                new Field("component", Actor::system),
                new Field("environment", v -> IdentitySpec.human("a").environment(v)),
                new Field("environment", v -> GrantSpec.to(SOMEONE).environment(v)),
                new Field("environments", v -> ReviewCycleSpec.named("q3").environments(v)),
                new Field("attribute key", v -> IdentitySpec.human("a").attribute(v, "x")),
                new Field("name", v -> CredentialSpec.apiKey(SOMEONE).name(v)),
                new Field("secretRef", SecretRef::new),
                new Field("action", v -> GrantSpec.to(SOMEONE).allow(v)),
                new Field("privilegedActions", v -> ReviewCycleSpec.named("q3").privilegedActions(v)));
    }

    static List<Field> resources() {
        return List.of(
                new Field("resource pattern", ResourcePattern::parse),
                new Field("resource", ResourcePattern::segmentsOf),
                new Field("resource pattern", v -> GrantSpec.to(SOMEONE).on(v)),
                new Field("resource pattern", v -> ReviewCycleSpec.named("q3").resources(v)));
    }

    static List<Field> names() {
        return List.of(
                new Field("name", IdentitySpec::human),
                new Field("name", IdentitySpec::agent),
                new Field("name", ReviewCycleSpec::named));
    }

    static List<Field> freeText() {
        return List.of(
                new Field("purpose", v -> IdentitySpec.agent("a").purpose(v)),
                new Field("justification", v -> GrantSpec.to(SOMEONE).justification(v)),
                new Field("attribute team", v -> IdentitySpec.human("a").attribute("team", v)));
    }

    static Stream<Arguments> everyFieldAndHostile() {
        return Stream.of(ids(), resources(), names(), freeText()).flatMap(List::stream)
                .flatMap(f -> HOSTILE.entrySet().stream().map(h -> Arguments.of(f, h.getKey(), h.getValue())));
    }

    /** Fields whose rule names the exact character, as opposed to the id grammar. */
    static Stream<Arguments> describedFieldAndHostile() {
        return Stream.of(resources(), names(), freeText()).flatMap(List::stream)
                .flatMap(f -> HOSTILE.entrySet().stream().map(h -> Arguments.of(f, h.getKey(), h.getValue())));
    }

    @ParameterizedTest(name = "{0} refuses {2}")
    @MethodSource("everyFieldAndHostile")
    @DisplayName("every field refuses control, format, bidirectional, invisible and unassigned characters")
    void everyFieldRefuses(Field field, String hostile, String described) {
        for (String value : List.of("acme" + hostile, hostile + "acme", "ac" + hostile + "me")) {
            assertThatThrownBy(() -> field.check().accept(value)).as("%s", value)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field.name()));
        }
    }

    @ParameterizedTest(name = "{0} names {2}")
    @MethodSource("describedFieldAndHostile")
    @DisplayName("the rule names the character and its class")
    void ruleNamesTheCharacter(Field field, String hostile, String described) {
        assertThatThrownBy(() -> field.check().accept("acme" + hostile))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).startsWith(
                        "contains " + described));
    }

    @Test
    @DisplayName("the message reads field, then the character and why it is refused")
    void messageFromTheIssue() {
        assertThatThrownBy(() -> ResourcePattern.segmentsOf("github:acme/api\u202E"))
                .hasMessage("resource: contains U+202E RIGHT-TO-LEFT OVERRIDE (a Unicode format character)"
                        + " (position 15)");
        assertThatThrownBy(() -> GrantSpec.to(SOMEONE).justification("fine\u202Eenif"))
                .hasMessage("justification: contains U+202E RIGHT-TO-LEFT OVERRIDE (a Unicode format character)"
                        + " at index 4");
    }

    @Nested
    @DisplayName("Unicode normalization")
    class Normalization {
        static Stream<Field> described() {
            return Stream.of(resources(), names(), freeText()).flatMap(List::stream);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("described")
        @DisplayName("text not in NFC is refused, not rewritten; the same text in NFC is accepted")
        void nonNfcRefused(Field field) {
            assertThatThrownBy(() -> field.check().accept("cafe\u0301"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule())
                            .contains("normalization form C (NFC)").contains("4"));
            assertThatCode(() -> field.check().accept("caf\u00E9")).doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("described")
        @DisplayName("a combining mark may not come first, where it would merge with what precedes it")
        void leadingMark(Field field) {
            assertThatThrownBy(() -> field.check().accept("\u0338acme")).isInstanceOf(ValidationException.class);
        }

        @Test
        @DisplayName("the position of an NFC fault is the character that breaks it")
        void nfcPosition() {
            assertThatThrownBy(() -> ResourcePattern.parse("github:acme/cafe\u0301/x"))
                    .hasMessage("resource pattern: must be in Unicode normalization form C (NFC) (position 16)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"github:acme/caf\u00E9", "repo:\u0939\u093F\u0928\u094D\u0926\u0940/x",
                "s3:\u6771\u4EAC/\u30C7\u30FC\u30BF", "v1.2/a.b/.hidden/x..y", "github:acme/\uD83D\uDE80"})
        @DisplayName("letters, marks and symbols of any script in NFC are accepted")
        void anyScriptAccepted(String resource) {
            assertThat(ResourcePattern.segmentsOf(resource)).isNotEmpty();
            assertThat(ResourcePattern.parse(resource).matches(resource)).isTrue();
        }
    }

    @Nested
    @DisplayName("dot segments and percent-encoding in resources")
    class DotsAndPercent {
        static Stream<Field> fields() {
            return resources().stream();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fields")
        @DisplayName("'.' and '..' segments are refused")
        void dotSegments(Field field) {
            for (String value : List.of("github:acme/api/../secrets", "github:acme/./api", "..", ".", "a/..")) {
                assertThatThrownBy(() -> field.check().accept(value)).as(value)
                        .isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.rule()).startsWith("'.' and '..' segments are not allowed"));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fields")
        @DisplayName("'%' is refused, so no encoded '..' or '/' can reach a decoding layer")
        void percent(Field field) {
            for (String value : List.of("github:acme/api/%2e%2e/secrets", "github:acme/api%2Fsecrets", "a/%")) {
                assertThatThrownBy(() -> field.check().accept(value)).as(value)
                        .isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.rule()).startsWith("'%' is not allowed"));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fields")
        @DisplayName("'\\' is refused: '/' is the only separator")
        void backslash(Field field) {
            assertThatThrownBy(() -> field.check().accept("github:acme/api\\..\\secrets"))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        @DisplayName("positions point at the dot segment and the '%'")
        void positions() {
            assertThatThrownBy(() -> ResourcePattern.segmentsOf("github:acme/api/../secrets"))
                    .hasMessageEndingWith("(position 16)");
            assertThatThrownBy(() -> ResourcePattern.segmentsOf("github:acme/api%2Fsecrets"))
                    .hasMessageEndingWith("(position 15)");
        }
    }

    @Nested
    @DisplayName("names")
    class Names {
        static Stream<Field> fields() {
            return names().stream();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fields")
        @DisplayName("only U+0020 separates words, never first or last")
        void spaces(Field field) {
            for (String value : List.of("alice\u00A0smith", "alice\u2007smith", "alice\tsmith", " alice", "alice ")) {
                assertThatThrownBy(() -> field.check().accept(value)).as(value).isInstanceOf(ValidationException.class);
            }
            assertThatCode(() -> field.check().accept("Jos\u00E9 Garc\u00EDa")).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("free text may hold any space character, but no line break")
        void freeTextSpaces() {
            assertThatCode(() -> GrantSpec.to(SOMEONE).justification("within 10\u00A0km, see SEC-42"))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> GrantSpec.to(SOMEONE).justification("ok\r\nINFO granted"))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Nested
    @DisplayName("through the services")
    class Services {
        private final Fixture f = new Fixture();
        private final Identity alice = f.human("alice@acme.example");
        private final Identity bob = f.human("bob@acme.example");
        private final Identity bot = f.agent("code-assistant", alice, bob);

        @AfterEach
        void close() {
            f.close();
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("dev.steward.IdentifierValidationTest#hostileCharacters")
        @DisplayName("reasons, references, comments, sources and correlation ids refuse hostile characters")
        void serviceTexts(String hostile, String described) {
            String text = "SEC-42" + hostile;
            GrantId g = f.grant(bot, "repo:read", "github:acme/**", alice).id();
            List<Map.Entry<String, Runnable>> calls = List.of(
                    Map.entry("reason", () -> f.steward.identities().suspend(bot.id(), alice.asActor(), text)),
                    Map.entry("reason", () -> f.steward.grants().revoke(g, alice.asActor(), text)),
                    Map.entry("reference", () -> f.steward.identities().approve(bot.id(), bob.asActor(), text)),
                    Map.entry("reference", () -> f.steward.grants().approve(g, bob.asActor(), text)),
                    Map.entry("correlationId", () -> f.steward.credentials().checkout(CredentialId.random(),
                            bot.id(), text)),
                    Map.entry("source", () -> f.steward.credentials().reportExposure(CredentialId.random(), text,
                            alice.asActor())),
                    Map.entry("toolCallId", () -> f.steward.guard(bot.id()).call("repo:read", "github:acme/api",
                            text, () -> "ran")));
            for (Map.Entry<String, Runnable> call : calls) {
                assertThatThrownBy(call.getValue()::run).as(call.getKey())
                        .isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.field()).isEqualTo(call.getKey());
                            assertThat(e.rule()).startsWith("contains " + described);
                        });
            }
        }

        @Test
        @DisplayName("the case from the issue: github:acme/api\\u202E is not granted under github:acme/**")
        void issueCase() {
            f.grant(bot, "repo:read", "github:acme/**", alice);
            assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();

            Decision d = f.authorize(bot, "repo:read", "github:acme/api\u202E");

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
            AuditEvent event = event(d);
            assertThat(event.targetId()).isEqualTo("github:acme/api\\u202E");
            assertThat(event.reason()).isEqualTo("INVALID_REQUEST");
        }

        @ParameterizedTest
        @ValueSource(strings = {"github:acme/api/../secrets", "github:acme/api/%2e%2e/secrets",
                "github:acme/api%2Fsecrets", "github:acme/./api", "github:acme/cafe\u0301", "github:acme/api\u200B",
                "github:acme/api\uFEFF", "github:acme/\u2066api\u2069", "github:acme/api\u0378"})
        @DisplayName("a traversal, encoded or disguised resource is a malformed request, never a match")
        void disguisedResources(String resource) {
            f.grant(bot, "repo:read", "github:acme/**", alice);
            Decision d = f.authorize(bot, "repo:read", resource);
            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        }

        @Test
        @DisplayName("a lone surrogate in a request is a malformed request whose event is stored and verifies")
        void loneSurrogate() {
            f.grant(bot, "repo:read", "github:acme/**", alice);
            Decision d = f.authorize(bot, "repo:read\uD800", "github:acme/api\uDC00");

            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
            AuditEvent event = event(d);
            assertThat(event.targetId()).isEqualTo("github:acme/api\\uDC00");
            assertThat(event.details()).containsEntry("action", "repo:read\\uD800");
            assertThat(f.steward.audit().verify().valid()).isTrue();
        }

        @Test
        @DisplayName("an over-long resource of astral characters is clipped without splitting a pair")
        void clippedAtAPair() {
            String resource = "a" + "\uD83D\uDE80".repeat(300);
            Decision d = f.authorize(bot, "repo:read", resource);

            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
            String shown = event(d).targetId();
            assertThat(shown).endsWith("\uDE80…").hasSizeLessThanOrEqualTo(513);
            assertThat(f.steward.audit().verify().valid()).isTrue();
        }

        @Test
        @DisplayName("a correlation id with a line break is a malformed request; the audit shows it escaped")
        void correlationId() {
            f.grant(bot, "repo:read", "github:acme/**", alice);
            Decision d = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")
                    .correlationId("call-1\r\nALLOWED call-2 \\ x"));

            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
            assertThat(event(d).correlationId()).contains("call-1\\u000D\\u000AALLOWED call-2 \\\\ x");
        }

        @Test
        @DisplayName("a well-formed request is audited exactly as written")
        void wellFormedAsWritten() {
            f.grant(bot, "repo:read", "github:acme/**", alice);
            Decision d = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/caf\u00E9")
                    .correlationId("call 7 for Jos\u00E9"));

            assertThat(d.allowed()).isTrue();
            assertThat(event(d).targetId()).isEqualTo("github:acme/caf\u00E9");
            assertThat(event(d).correlationId()).contains("call 7 for Jos\u00E9");
        }

        @Test
        @DisplayName("a malformed request is named before the depth of its chain")
        void malformedFirst() {
            Decision d = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "a/../b")
                    .onBehalfOf(IdentityId.of("x1"), IdentityId.of("x2"), IdentityId.of("x3"), IdentityId.of("x4")));
            assertThat(d.reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        }

        @Test
        @DisplayName("the guard's denial message shows the resource escaped")
        void guardMessage() {
            assertThatThrownBy(() -> f.steward.guard(bot.id()).call("repo:read", "github:acme/api\u202E", "call-1",
                    () -> "ran"))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.getMessage())
                            .contains("github:acme/api\\u202E").doesNotContain("\u202E"));
        }

        @Test
        @DisplayName("names through the services: a registration with a disguised name stores nothing")
        void registration() {
            long before = f.steward.audit().read(0, 10_000).size();
            assertThatThrownBy(() -> f.steward.identities().register(IdentitySpec.agent("code\u202Eassistant")
                    .owner(alice.id()).expiresIn(Duration.ofDays(1)), alice.asActor()))
                    .isInstanceOf(ValidationException.class);
            assertThat(f.steward.audit().read(0, 10_000)).hasSize((int) before);
        }

        private AuditEvent event(Decision d) {
            return f.steward.audit().read(0, 10_000).stream().filter(e -> e.id().equals(d.auditEventId()))
                    .findFirst().orElseThrow();
        }
    }
}
