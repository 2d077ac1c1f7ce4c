package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the README's quickstart compiling and true: the block between the markers is the README's. */
class QuickstartTest {
    @Test
    @DisplayName("the README quickstart compiles, runs and allows the read")
    void quickstart() throws IOException {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            quickstartBlock();
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("true GRANTED ae-");

        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/steward/QuickstartTest.java"));
        String block = source.subList(source.indexOf("        // quickstart:begin") + 1,
                source.indexOf("        // quickstart:end")).stream()
                .map(line -> line.length() > 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + block + "\n```");
    }

    private static void quickstartBlock() {
        // quickstart:begin
        try (Steward steward = Steward.builder().store(InMemoryStore.create()).build()) {
            Actor hr = Actor.system("hr");
            Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), hr);
            Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), hr);

            Identity bot = steward.identities().register(IdentitySpec.agent("code-assistant")
                    .owner(alice.id()).expiresIn(Duration.ofDays(30)).purpose("review pull requests"), alice.asActor());
            steward.identities().approve(bot.id(), bob.asActor(), "SEC-42");

            Grant read = steward.grants().request(GrantSpec.to(bot.id()).allow("repo:read")
                    .on("github:acme/api/**").validFor(Duration.ofHours(8)).justification("SEC-42"), bot.asActor());
            steward.grants().approve(read.id(), alice.asActor(), "SEC-42");

            Decision d = steward.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api/pulls"));
            System.out.println(d.allowed() + " " + d.reason() + " " + d.auditEventId());
        }
        // quickstart:end
    }
}
