package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.NotFoundException;
import dev.steward.Steward;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditKeys;
import dev.steward.audit.AuditVerification;
import dev.steward.identity.Actor;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit checkpoints signed by a Vault Transit ed25519 key verify with the public key Vault exports,
 * also across a rotation of the key. Runs against the fake, or the real Vault the environment names.
 */
class VaultTransitSignerTest {
    private static final TestVault vault = TestVault.shared();
    private static final VaultConnection connection = vault.connection();

    /** Creates a new ed25519 key, as {@code vault write transit/keys/<name> type=ed25519} does. */
    private static String newKey() {
        String name = "steward-audit-" + UUID.randomUUID();
        var body = VaultHttp.JSON.createObjectNode().put("type", "ed25519");
        assertThat(connection.http().call("create key", "POST", "transit/keys/" + name, body, true).ok()).isTrue();
        return name;
    }

    /** Reads a version's public key the way an auditor would: straight from Vault's answer. */
    private static byte[] exportedPublicKey(String name, int version) {
        JsonNode key = connection.http().call("read key", "GET", "transit/keys/" + name, null, true).data();
        return Base64.getDecoder().decode(key.path("keys").path(Integer.toString(version)).path("public_key").asText());
    }

    /** Registers people on a Steward signed by the signer, and returns its log and checkpoints as exported. */
    private static String[] run(InMemoryStore store, VaultTransitSigner signer, String who) {
        try (Steward steward = Steward.builder().store(store).auditSigner(signer).checkpointInterval(3).build()) {
            for (int i = 0; i < 7; i++) {
                steward.identities().register(IdentitySpec.human(who + i + "@acme.example"), Actor.system("hr"));
            }
            assertThat(steward.audit().verify().valid()).as("the instance verifies its own log").isTrue();
            StringWriter events = new StringWriter();
            StringWriter checkpoints = new StringWriter();
            steward.audit().exportJsonLines(events);
            steward.audit().exportCheckpoints(checkpoints);
            return new String[] {events.toString(), checkpoints.toString()};
        }
    }

    private static AuditVerification verify(String[] export, AuditKeys keys) {
        return AuditExport.verifyJsonLines(new StringReader(export[0]), new StringReader(export[1]), keys);
    }

    @Test
    void checkpointsSignedInVaultVerifyWithThePublicKeyExportedFromVault() {
        String name = newKey();
        VaultTransitSigner signer = VaultTransitSigner.create(connection, "transit", name);
        assertThat(signer.keyId()).isEqualTo("vault-transit:" + name + ":v1");
        assertThat(signer.publicKey()).isEqualTo(exportedPublicKey(name, 1));

        String[] export = run(InMemoryStore.create(), signer, "a");

        assertThat(export[1]).contains("vault-transit:" + name + ":v1");
        assertThat(verify(export, AuditKeys.of("vault-transit:" + name + ":v1", exportedPublicKey(name, 1))).valid())
                .isTrue();
        assertThat(verify(export, AuditKeys.of(exportedPublicKey(name, 1))).valid())
                .as("under another key id the same key is not trusted").isFalse();
    }

    @Test
    void aLogSpanningARotationVerifiesWithEveryVersionsPublicKey() {
        String name = newKey();
        InMemoryStore store = InMemoryStore.create();
        run(store, VaultTransitSigner.create(connection, "transit", name), "before");
        assertThat(connection.http().call("rotate", "POST", "transit/keys/" + name + "/rotate", null, true).ok()).isTrue();
        VaultTransitSigner rotated = VaultTransitSigner.create(connection, "transit", name);
        assertThat(rotated.keyId()).endsWith(":v2");

        String[] export = run(store, rotated, "after");

        assertThat(verify(export, AuditKeys.of(rotated)).valid()).isTrue();
        AuditKeys bothExported = AuditKeys.of("vault-transit:" + name + ":v1", exportedPublicKey(name, 1))
                .and("vault-transit:" + name + ":v2", exportedPublicKey(name, 2));
        assertThat(verify(export, bothExported).valid()).isTrue();
        AuditVerification onlyNew = verify(export, AuditKeys.of(rotated.keyId(), rotated.publicKey()));
        assertThat(onlyNew.problem()).isEqualTo(AuditVerification.Problem.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void vaultsOwnVerifyAgreesAndAPinnedOlderVersionStillSigns() {
        String name = newKey();
        connection.http().call("rotate", "POST", "transit/keys/" + name + "/rotate", null, true);
        VaultTransitSigner v1 = VaultTransitSigner.create(connection, "transit", name, 1);
        byte[] message = "checkpoint".getBytes(StandardCharsets.UTF_8);
        byte[] signature = v1.sign(message);
        assertThat(v1.keyId()).endsWith(":v1");
        assertThat(v1.verifyInVault(message, signature)).isTrue();
        signature[0] ^= 1;
        assertThat(v1.verifyInVault(message, signature)).isFalse();
        assertThat(v1.publicKeys()).containsOnlyKeys("vault-transit:" + name + ":v1", "vault-transit:" + name + ":v2");
    }

    @Test
    void aMissingKeyOrVersionIsNotFound() {
        assertThatThrownBy(() -> VaultTransitSigner.create(connection, "transit", "no-such-key-" + UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        String name = newKey();
        assertThatThrownBy(() -> VaultTransitSigner.create(connection, "transit", name, 5))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSealedVaultFailsTheSignatureWithAVaultException() {
        assumeTrue(vault.isFake(), "needs the fake's fault injection");
        VaultTransitSigner signer = VaultTransitSigner.create(connection, "transit", newKey());
        vault.fake().seal(true);
        try {
            assertThatThrownBy(() -> signer.sign(new byte[] {1})).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.SEALED));
        } finally {
            vault.fake().seal(false);
        }
        assertThat(signer.toString()).contains("version=1");
    }
}
