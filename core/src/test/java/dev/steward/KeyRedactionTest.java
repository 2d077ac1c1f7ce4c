package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.SecretScanner;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 7 for keys a caller hands back: an issued key put into a request, a reason, an actor's name
 * or a comment reaches no audit event, export, log line, decision or exception, only its fingerprint.
 */
class KeyRedactionTest {
    private final IllegalStateException[] directoryFailure = new IllegalStateException[1];
    private final Fixture f = new Fixture(b -> b.managers(human -> {
        if (directoryFailure[0] != null) {
            throw directoryFailure[0];
        }
        return Optional.empty();
    }));

    @Test
    @DisplayName("rule 7: a key passed back in action, resource, correlation id, reason, actor or comment is stored as its fingerprint")
    void keysPassedBackAreRedacted() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        String key;
        String marker;
        StringBuilder seen = new StringBuilder();
        try {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            Identity bot = f.agent("bot", alice, bob);
            IssuedCredential issued = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()), alice.asActor());
            key = new String(issued.secret().chars());
            marker = SecretScanner.REDACTED_PREFIX + KeyFormat.fingerprint(key);
            assertThat(issued.credential().fingerprint()).as("the fingerprint Steward shows for the key")
                    .isEqualTo(KeyFormat.fingerprint(key));
            f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**").validFor(Duration.ofHours(1))
                    .justification("needs " + key), bob);

            Decision inResource = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/" + key)
                    .correlationId("call-" + key));
            Decision inAction = f.steward.authorize(AccessRequest.of(bot.id(), key, "github:acme/api"));
            Decision inChain = f.steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")
                    .onBehalfOf(IdentityId.of(key)));
            assertThat(inResource.allowed()).as("redaction does not change the decision").isTrue();
            assertThat(inResource.resource()).isEqualTo("github:acme/" + marker);
            assertThat(inAction.action()).isEqualTo(marker);
            for (Decision d : List.of(inResource, inAction, inChain)) {
                seen.append(d).append('\n');
            }
            f.steward.guard(bot.id()).call("repo:read", "github:acme/" + key, "tool-" + key, () -> "done");

            Identity carol = f.steward.identities().register(IdentitySpec.human("carol"), Actor.system(key));
            f.steward.identities().suspend(bot.id(), alice.asActor(), "key " + key + " seen in a prompt");
            f.steward.identities().resume(bot.id(), alice.asActor(), "rotated " + key);
            f.steward.reviews().reconfirm(bot.id(), alice.asActor(), "still needed; it used " + key);
            directoryFailure[0] = new IllegalStateException("directory refused token " + key,
                    new IllegalArgumentException("bad bearer " + key));
            f.steward.identities().suspend(carol.id(), Fixture.HR, "on leave");

            assertThatThrownBy(() -> f.steward.identities().get(IdentityId.of(key)))
                    .isInstanceOf(NotFoundException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).contains(marker));

            List<AuditEvent> events = f.steward.audit().read(0, 10_000);
            StringWriter export = new StringWriter();
            f.steward.audit().exportJsonLines(export);
            seen.append(events).append('\n').append(export);

            assertThat(events).filteredOn(e -> e.action() == AuditAction.ACCESS_DECIDED)
                    .extracting(AuditEvent::targetId).contains("github:acme/" + marker);
            assertThat(events).filteredOn(e -> e.action() == AuditAction.ACCESS_DECIDED)
                    .extracting(AuditEvent::correlationId).contains(Optional.of("call-" + marker));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.ACCESS_DECIDED)
                    .anySatisfy(e -> assertThat(e.details()).containsEntry("action", marker))
                    .anySatisfy(e -> assertThat(e.onBehalfOf()).containsExactly(IdentityId.of(marker)));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.TOOL_CALL_COMPLETED)
                    .singleElement().satisfies(e -> assertThat(e.correlationId()).contains("tool-" + marker));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.IDENTITY_REGISTERED
                    && e.targetId().equals(carol.id().value())).singleElement()
                    .satisfies(e -> assertThat(e.actor()).isEqualTo(IdentityId.of("system:" + marker)));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.IDENTITY_SUSPENDED).first()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("key " + marker + " seen in a prompt"));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.IDENTITY_RECONFIRMED).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("still needed; it used " + marker));
            assertThat(events).filteredOn(e -> e.action() == AuditAction.GRANT_REQUESTED).singleElement()
                    .satisfies(e -> assertThat(e.toString()).contains("needs " + marker));
            assertThat(export.toString()).contains("call-" + marker, "tool-" + marker, "system:" + marker,
                    "rotated " + marker);
            assertThat(f.steward.audit().verify().valid()).as("redacted events still form a valid chain").isTrue();
            assertThat(f.steward.audit().trail("tool-" + key)).as("a trail is found by the id the caller knows")
                    .hasSize(2);
        } finally {
            f.close();
            System.setErr(originalErr);
        }
        String logText = log.toString(StandardCharsets.UTF_8);
        assertThat(logText).as("the directory's failure was logged, with its cause and stack")
                .contains("manager directory failed", "directory refused token " + marker, "bad bearer " + marker,
                        "KeyRedactionTest");
        seen.append(logText);
        assertThat(seen.toString()).doesNotContain(key).doesNotContain(KeyFormat.parse(key).orElseThrow().secret());
    }

    @Test
    @DisplayName("rule 7: every log line of core goes through the redacting log; no class calls slf4j directly")
    void onlyTheRedactingLogTouchesSlf4j() throws java.io.IOException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(sources)) {
            List<String> direct = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .filter(p -> !p.endsWith(java.nio.file.Path.of("dev/steward/internal/Log.java")))
                    .filter(p -> {
                        try {
                            return java.nio.file.Files.readString(p).contains("org.slf4j");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(p -> sources.relativize(p).toString()).toList();
            assertThat(direct).isEmpty();
        }
    }

    @Test
    @DisplayName("the scanner's redaction keeps texts without a key as they are and is idempotent")
    void redactionLeavesOtherTextAlone() {
        SecretScanner scanner = SecretScanner.create();
        String plain = "github:acme/api/pulls/" + "x".repeat(200);
        assertThat(scanner.redact(plain)).isSameAs(plain);
        String nearMiss = "stw_ak_" + "0".repeat(73);
        assertThat(scanner.redact(nearMiss)).as("a bad checksum is not a key").isSameAs(nearMiss);
        String key = KeyFormat.format(dev.steward.credential.CredentialType.API_KEY,
                dev.steward.credential.CredentialId.random(), KeyFormat.newSecret(new java.security.SecureRandom()));
        String twice = "a=" + key + ";b=" + key + "x";
        String redacted = scanner.redact(twice);
        assertThat(redacted).as("a key glued to a base62 character is not a key, as the scanner specifies")
                .isEqualTo("a=" + SecretScanner.REDACTED_PREFIX + KeyFormat.fingerprint(key) + ";b=" + key + "x");
        assertThat(scanner.redact(redacted)).isEqualTo(redacted);
        assertThat(IdentityId.of(scanner.redact("system:" + key)).value()).startsWith("system:redacted-key:sha256:");
    }
}
