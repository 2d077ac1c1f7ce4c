package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Steward;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.tokens.ActorProof;
import dev.steward.tokens.IssuedToken;
import dev.steward.tokens.StewardTokens;
import dev.steward.tokens.TokenExchange;
import dev.steward.tokens.TokenKeys;
import dev.steward.tokens.TokenVerifier;
import dev.steward.tokens.VerifiedToken;
import dev.steward.vault.FakeVault;
import dev.steward.vault.VaultAuth;
import dev.steward.vault.VaultConnection;
import dev.steward.vault.VaultTransitTokenSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delegation tokens whose signing key lives in Vault Transit: steward-tokens issues and verifies
 * them with a {@link VaultTransitTokenSigner}, on spi-vault's API-faithful fake Vault (not a real
 * Vault), for both key types, across a rotation of the key in Vault.
 */
class VaultTokenSigningTest {
    private static final String AUDIENCE = "https://tickets.acme.example/mcp";
    private static final Actor HR = Actor.system("hr");

    private static void transit(FakeVault vault, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(vault.address() + "/v1/transit/" + path)).header("X-Vault-Token", vault.rootToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-p256", "ed25519"})
    void tokensSignedInVaultVerifyAcrossARotation(String type) throws Exception {
        try (FakeVault vault = FakeVault.start();
                Steward steward = Steward.builder().store(InMemoryStore.create()).build()) {
            VaultConnection connection = VaultConnection.builder().address(vault.address())
                    .auth(VaultAuth.token(vault.rootToken())).build();
            String key = "steward-tokens-" + UUID.randomUUID();
            transit(vault, "keys/" + key, "{\"type\":\"" + type + "\"}");
            TokenKeys keys = TokenKeys.of(VaultTransitTokenSigner.create(connection, "transit", key));
            StewardTokens tokens = StewardTokens.builder(steward).issuer("https://steward.acme.example").keys(keys)
                    .audience(AUDIENCE, "mcp:ticket-desk").build();

            Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
            Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), HR);
            Identity bot = steward.identities().register(IdentitySpec.agent("ticket-bot").owner(alice.id())
                    .expiresIn(Duration.ofDays(30)).purpose("triage tickets"), alice.asActor());
            steward.identities().approve(bot.id(), bob.asActor(), "SEC-42");
            for (GrantSpec spec : new GrantSpec[] {GrantSpec.to(alice.id()), GrantSpec.to(bot.id()).delegatedBy(alice.id())}) {
                Grant g = steward.grants().request(spec.allow("ticket:read").on("mcp:ticket-desk")
                        .validFor(Duration.ofHours(8)).justification("SEC-42"), HR);
                steward.grants().approve(g.id(), bob.asActor(), "SEC-42");
            }
            String botKey;
            try (IssuedCredential credential = steward.credentials().issue(CredentialSpec.apiKey(bot.id()), HR)) {
                botKey = new String(credential.secret().chars());
            }
            TokenExchange exchange = TokenExchange.builder().subject(alice.id()).actor(ActorProof.apiKey(botKey))
                    .audience(AUDIENCE).scope("ticket:read").build();

            IssuedToken before = tokens.exchange(exchange);
            String jwksBefore = tokens.jwks();
            assertThat(jwksBefore).contains("vault-transit:" + key + ":v1");
            VerifiedToken verified = TokenVerifier.builder(steward).issuer("https://steward.acme.example")
                    .audience(AUDIENCE).jwks(jwksBefore).build().verify(before.token());
            assertThat(verified.actor()).isEqualTo(bot.id());
            assertThat(verified.keyId()).isEqualTo("vault-transit:" + key + ":v1");

            transit(vault, "keys/" + key + "/rotate", "{}");
            keys.rotate(VaultTransitTokenSigner.create(connection, "transit", key), Duration.ofMinutes(10));
            IssuedToken after = tokens.exchange(exchange);
            TokenVerifier verifier = tokens.verifier(AUDIENCE);
            assertThat(verifier.verify(after.token()).keyId()).isEqualTo("vault-transit:" + key + ":v2");
            assertThat(verifier.verify(before.token()).keyId()).as("the old version, in its overlap")
                    .isEqualTo("vault-transit:" + key + ":v1");
        }
    }
}
