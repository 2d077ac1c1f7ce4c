package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.Steward;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.Secret;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.memory.InMemoryStore;
import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rotates a throwaway role's password on the {@link LocalPostgres local PostgreSQL} through Steward
 * and {@link PostgresRoleRotation}; skipped when the server is unreachable, unless required.
 */
class PostgresRoleRotationTest {
    private final PostgresRoleRotation handler = new PostgresRoleRotation(LocalPostgres.URL, LocalPostgres.ADMIN);
    private final Steward steward = Steward.builder().store(InMemoryStore.create())
            .secrets(EncryptingSecretBackend.wrap(InMemorySecretBackend.create(), LocalKeyEncryptionKey.generate("k")))
            .rotationHandler(handler).build();
    private final Actor hr = Actor.system("hr");
    private final Identity dba = steward.identities().register(IdentitySpec.human("dba@acme.example"), hr);
    private final Identity lead = steward.identities().register(IdentitySpec.human("lead@acme.example"), hr);
    private final Identity app = steward.identities().approve(steward.identities().register(
            IdentitySpec.service("billing-app").owner(dba.id()).purpose("bill customers"), dba.asActor()).id(),
            lead.asActor(), "DB-1");

    @AfterEach
    void close() {
        steward.close();
    }

    @Test
    @DisplayName("supports only stored secrets named pg-role:<role> whose role matches the allowlist")
    void allowlist() {
        assertThat(handler.supports(stored("pg-role:deploy_app"))).isTrue();
        for (String name : new String[] {"pg-role:Deploy", "pg-role:a-b", "pg-role:a.b", "pg-role:", "db-password"}) {
            Credential c = stored(name);
            assertThat(handler.supports(c)).as(name).isFalse();
            assertThatThrownBy(() -> handler.rotate(c, Secret.of(new char[] {'x'})))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(handler.supports(steward.credentials().issue(CredentialSpec.apiKey(app.id()).name("pg-role:x"),
                dba.asActor()).credential())).as("an API key").isFalse();
    }

    @Test
    @DisplayName("rotateSecret changes the role's password at the server; the old one stops working, the checked-out one works")
    void rotatesTheRolePassword() throws SQLException {
        LocalPostgres db = LocalPostgres.adminOrSkip(getClass().getSimpleName());
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        String role = "steward_rot_" + HexFormat.of().formatHex(suffix);
        char[] old = PostgresRoleRotation.newPassword().chars();
        try {
            db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + new String(old) + "'");
            String before = db.verifier(role);
            assertThat(LocalPostgres.matches(before, old)).as("the known password matches the stored verifier").isTrue();

            Credential first = steward.credentials().storeSecret(CredentialSpec.storedSecret(app.id())
                    .name(PostgresRoleRotation.NAME_PREFIX + role), Secret.of(old), dba.asActor());
            Credential rotated = steward.credentials().rotateSecret(first.id(), dba.asActor(), "scheduled rotation");
            steward.grants().approve(steward.grants().request(GrantSpec.to(app.id())
                    .allow(CredentialService.CHECKOUT_ACTION).on(CredentialService.checkoutResource(first))
                    .justification("DB-1: connect"), dba.asActor()).id(), lead.asActor(), "DB-1");

            String after = db.verifier(role);
            assertThat(after).isNotEqualTo(before);
            try (Secret current = steward.credentials().checkout(rotated.id(), app.id(), "db-connect-1")) {
                char[] next = current.chars();
                assertThat(next).hasSize(PostgresRoleRotation.PASSWORD_LENGTH).isNotEqualTo(old);
                // This server trusts every connection from 127.0.0.1 (pg_hba.conf: host all all 127.0.0.1/32
                // trust), so a login proves nothing about a password. What SCRAM authentication checks is
                // the verifier in pg_authid: the new password must reproduce it, the old one must not.
                assertThat(LocalPostgres.matches(after, next)).as("the checked-out password matches the server").isTrue();
                assertThat(LocalPostgres.matches(after, old)).as("the old password matches the server").isFalse();
                if (!db.logsIn(role, "not-the-password".toCharArray())) {
                    assertThat(db.logsIn(role, old)).as("the old password logs in").isFalse();
                    assertThat(db.logsIn(role, next)).as("the new password logs in").isTrue();
                }
            }
        } finally {
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private Credential stored(String name) {
        return steward.credentials().storeSecret(CredentialSpec.storedSecret(app.id()).name(name),
                Secret.of(new char[] {'p', 'w'}), dba.asActor());
    }
}
