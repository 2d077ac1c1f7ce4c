package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.SecretIntegrityException;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.Secret;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the kit does not cover: layout in Vault, custom metadata, namespaces, mount settings, configuration. */
class VaultSecretBackendTest {
    private final FakeVault vault = FakeVault.startOrFail();

    @AfterEach
    void stop() {
        vault.close();
    }

    private VaultConnection.Builder connection() {
        return VaultConnection.builder().address(vault.address()).auth(VaultAuth.token(vault.rootToken()));
    }

    private VaultSecretBackend backend(VaultConnection connection, String prefix) {
        return VaultSecretBackend.builder().connection(connection).mount("secret").pathPrefix(prefix).build();
    }

    @Test
    void aStoredCredentialIsTiedToItsIdentityAndCredentialInCustomMetadata() {
        VaultSecretBackend backend = backend(connection().build(), "steward/");
        try (Steward steward = Steward.builder().store(InMemoryStore.create()).secrets(backend).build()) {
            Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), Actor.system("hr"));
            Credential stored = steward.credentials().storeSecret(CredentialSpec.storedSecret(alice.id()),
                    Secret.ofUtf8("db-password".getBytes(StandardCharsets.UTF_8)), Actor.system("hr"));
            String key = "steward/" + stored.secretRef().orElseThrow();
            assertThat(vault.kv("").customMetadata(key)).containsEntry(SecretBackend.LABEL_IDENTITY, alice.id().value())
                    .containsEntry(SecretBackend.LABEL_CREDENTIAL, stored.id().value())
                    .containsEntry("steward-ref", stored.secretRef().orElseThrow());
        }
    }

    @Test
    void namespacesAreSentAsAHeaderAndKeepSecretsApart() {
        VaultSecretBackend teamA = backend(connection().namespace("team-a").build(), "");
        VaultSecretBackend teamB = backend(connection().namespace("team-b").build(), "");
        SecretRef ref = new SecretRef("shared/name");
        teamA.put(ref, new byte[] {1}, OptionalLong.of(0));
        assertThat(teamB.get(ref)).isEmpty();
        assertThat(teamB.put(ref, new byte[] {2}, OptionalLong.of(0))).isEqualTo(1);
        assertThat(vault.seen()).filteredOn(s -> s.path().contains("shared/name"))
                .extracting(FakeVault.Seen::namespace).containsOnly("team-a", "team-b");
    }

    @Test
    void aValueThatIsNotStewardsIsAnIntegrityErrorNotGarbage() throws Exception {
        VaultSecretBackend backend = backend(connection().build(), "");
        var http = java.net.http.HttpClient.newHttpClient();
        http.send(java.net.http.HttpRequest.newBuilder(vault.address().resolve("/v1/secret/data/foreign"))
                .header("X-Vault-Token", vault.rootToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"data\":{\"password\":\"x\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThatThrownBy(() -> backend.get(new SecretRef("foreign"))).isInstanceOf(SecretIntegrityException.class)
                .hasMessageNotContaining("\"x\"");
    }

    @Test
    void aMountThatRequiresCheckAndSetRejectsAnUnconditionalWriteAsAValidationError() {
        vault.kv("").configure(0, true);
        VaultSecretBackend backend = backend(connection().build(), "");
        SecretRef ref = new SecretRef("cas/required");
        assertThatThrownBy(() -> backend.put(ref, new byte[] {1}, OptionalLong.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("expectedVersion"));
        assertThat(backend.put(ref, new byte[] {1}, OptionalLong.of(0))).isEqualTo(1);
    }

    @Test
    void aWrongMountIsReportedAndNeverReadsAsAnEmptySecret() {
        VaultSecretBackend backend = VaultSecretBackend.builder().connection(connection().build()).mount("kv-typo").build();
        assertThatThrownBy(() -> backend.get(new SecretRef("a"))).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.getMessage()).contains("404").contains("route entry not found"));
        assertThatThrownBy(() -> backend.versions(new SecretRef("a"))).isInstanceOf(VaultException.class);
    }

    @Test
    void maxVersionsIsSetBeforeTheFirstWriteAndVaultsDefaultOfTenAppliesOtherwise() {
        SecretRef ref = new SecretRef("history");
        VaultSecretBackend sized = VaultSecretBackend.builder().connection(connection().build()).pathPrefix("sized")
                .maxVersions(25).build();
        VaultSecretBackend unsized = backend(connection().build(), "unsized");
        for (int i = 0; i < 20; i++) {
            sized.put(ref, new byte[] {(byte) i}, OptionalLong.empty());
            unsized.put(ref, new byte[] {(byte) i}, OptionalLong.empty());
        }
        assertThat(sized.versions(ref)).hasSize(20);
        assertThat(unsized.versions(ref)).hasSize(10).first().satisfies(v -> assertThat(v.version()).isEqualTo(11));
        assertThat(vault.seen()).filteredOn(s -> s.path().equals("/v1/secret/metadata/sized/history")
                && s.method().equals("POST")).hasSize(1);
    }

    @Test
    void settingsFailFastNamingTheSetting() {
        assertThatThrownBy(() -> VaultSecretBackend.builder().build()).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("connection"));
        assertThatThrownBy(() -> VaultSecretBackend.builder().mount("a").mount("b"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).contains("already set"));
        assertThatThrownBy(() -> VaultSecretBackend.builder().pathPrefix("a/../b")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> VaultSecretBackend.builder().maxVersions(0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> VaultConnection.builder().auth(VaultAuth.token("t")).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("address"));
        assertThatThrownBy(() -> VaultConnection.builder().address(java.net.URI.create("ftp://x")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> VaultAuth.token(" ")).isInstanceOf(ValidationException.class);
        VaultSecretBackend backend = backend(connection().build(), "");
        assertThatThrownBy(() -> backend.get(new SecretRef("a/./b"))).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("secretRef"));
        assertThatThrownBy(() -> backend.put(new SecretRef("a"), new byte[1], OptionalLong.empty(), Map.of("", "x")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("labels"));
    }
}
