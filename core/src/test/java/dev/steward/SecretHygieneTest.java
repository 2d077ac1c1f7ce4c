package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.credential.Credential;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.Secret;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.RotationHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 7: secret material never reaches a log line, an exception, a toString, an audit event or an export. */
class SecretHygieneTest {
    private final List<String> secrets = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    private void see(Object o) {
        seen.add(String.valueOf(o));
    }

    private void attempt(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                see(t);
                see(t.getMessage());
            }
        }
    }

    private <T> T keep(Supplier<T> s) {
        T value = s.get();
        see(value);
        return value;
    }

    @Test
    @DisplayName("rule 7: no plaintext in logs at TRACE, exceptions, toString, audit events or JSON exports")
    void noPlaintextAnywhere() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        FailingStore store = new FailingStore(InMemoryStore.create());
        RotationHandler handler = new RotationHandler() {
            @Override
            public boolean supports(Credential credential) {
                return true;
            }

            @Override
            public Secret rotate(Credential credential, Secret current) {
                secrets.add("rotated-password-Q7");
                return Secret.of("rotated-password-Q7".toCharArray());
            }
        };
        try (Fixture f = new Fixture(store, b -> b.secrets(InMemorySecretBackend.create()).rotationHandler(handler)
                .keyPepper(new byte[32]))) {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            Identity bot = f.agent("bot", alice, bob);
            CredentialService credentials = f.steward.credentials();

            IssuedCredential key = keep(() -> credentials.issue(CredentialSpec.apiKey(bot.id()), alice.asActor()));
            String plaintext = new String(key.secret().chars());
            secrets.add(plaintext);
            secrets.add(KeyFormat.parse(plaintext).orElseThrow().secret());
            see(key.secret());
            see(KeyFormat.parse(plaintext).orElseThrow());
            see(credentials.verify(plaintext));
            see(credentials.verify(plaintext.substring(0, 60)));
            IssuedCredential rotated = keep(() -> credentials.rotateKey(key.credential().id(), alice.asActor(), "r"));
            secrets.add(new String(rotated.secret().chars()));
            see(credentials.reportExposure(rotated.credential().id(), "a prompt", alice.asActor()));
            see(credentials.verify(new String(rotated.secret().chars())));

            secrets.add("db-password-X9");
            Credential stored = keep(() -> credentials.storeSecret(CredentialSpec.storedSecret(bot.id()).name("db"),
                    Secret.of("db-password-X9".toCharArray()), alice.asActor()));
            attempt(() -> credentials.checkout(stored.id(), bot.id(), "denied-call"));
            f.grant(GrantSpec.to(bot.id()).allow(CredentialService.CHECKOUT_ACTION).on(CredentialService.checkoutResource(stored))
                    .validFor(Duration.ofHours(1)).justification("job"), bob);
            try (Secret s = credentials.checkout(stored.id(), bot.id(), "call-1")) {
                see(s);
            }
            Credential next = keep(() -> credentials.rotateSecret(stored.id(), alice.asActor(), "quarterly"));
            store.failAudit = true;
            attempt(() -> credentials.checkout(next.id(), bot.id(), "call-2"));
            attempt(() -> credentials.issue(CredentialSpec.apiKey(bot.id()), alice.asActor()));
            see(credentials.verify(new String(rotated.secret().chars())));
            see(f.authorize(bot, "repo:read", "github:acme/api"));
            store.failAudit = false;
            attempt(() -> credentials.storeSecret(CredentialSpec.storedSecret(dev.steward.identity.IdentityId.of("nobody")),
                    Secret.of("db-password-X9".toCharArray()), alice.asActor()));

            credentials.query(dev.steward.credential.CredentialQuery.all()).items().forEach(this::see);
            StringWriter export = new StringWriter();
            f.steward.audit().exportJsonLines(export);
            see(export);
            f.steward.audit().read(0, 10_000).forEach(this::see);
        } finally {
            System.setErr(originalErr);
        }
        String logText = log.toString(StandardCharsets.UTF_8);
        assertThat(logText).as("Steward's own log lines were captured").contains("denied to fail closed");
        see(logText);

        assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);
        String everything = String.join("\n", seen);
        assertThat(everything).as("what the test observed").contains("CREDENTIAL_CHECKED_OUT");
        for (String secret : secrets) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(bytes))
                    .doesNotContain(HexFormat.of().formatHex(bytes));
        }
    }
}
