package dev.steward.tokens.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Keycloak's admin REST API as the bootstrap administrator of a {@link KeycloakServer}: realms,
 * confidential clients with an audience mapper, users with a password. Thread-safe.
 */
public final class KeycloakAdmin {

    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

    private final URI baseUri;
    private final String username;
    private final String password;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    KeycloakAdmin(URI baseUri, String username, String password) {
        this.baseUri = baseUri;
        this.username = username;
        this.password = password;
    }

    /**
     * Creates an enabled realm with Keycloak's defaults (RS256 signatures, the {@code profile} and
     * {@code email} scopes in every client's tokens).
     *
     * @param realm the realm's name
     */
    public void createRealm(String realm) {
        ObjectNode body = KeycloakHttp.JSON.createObjectNode().put("realm", realm).put("enabled", true);
        created("creating realm " + realm, URI.create(baseUri + "/admin/realms"), body);
    }

    /**
     * Creates a confidential OpenID Connect client that may log users in with the resource-owner
     * password grant, and whose access and ID tokens carry {@code audience} in {@code aud} (an
     * audience mapper).
     *
     * @param realm the realm
     * @param clientId the client's id
     * @param secret the client's secret
     * @param audience the audience every token of this client names
     */
    public void createConfidentialClient(String realm, String clientId, String secret, String audience) {
        ObjectNode body = KeycloakHttp.JSON.createObjectNode()
                .put("clientId", clientId)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", secret)
                .put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("implicitFlowEnabled", false)
                .put("serviceAccountsEnabled", false);
        ObjectNode mapper = body.putArray("protocolMappers").addObject()
                .put("name", "audience " + audience)
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config")
                .put("included.custom.audience", audience)
                .put("access.token.claim", "true")
                .put("id.token.claim", "true")
                .put("introspection.token.claim", "true");
        created("creating client " + clientId, URI.create(baseUri + "/admin/realms/" + realm + "/clients"), body);
    }

    /**
     * Creates an enabled user with a verified email, a first and last name (so Keycloak's user
     * profile asks for nothing at login) and a permanent password.
     *
     * @param realm the realm
     * @param username the login name
     * @param email the user's email address
     * @param userPassword the user's password
     * @return the id Keycloak gave the user (its tokens' {@code sub})
     */
    public String createUser(String realm, String username, String email, String userPassword) {
        ObjectNode body = KeycloakHttp.JSON.createObjectNode()
                .put("username", username)
                .put("email", email)
                .put("emailVerified", true)
                .put("enabled", true)
                .put("firstName", username)
                .put("lastName", "Tester");
        body.putArray("credentials").addObject()
                .put("type", "password")
                .put("value", userPassword)
                .put("temporary", false);
        URI location = created("creating user " + username,
                URI.create(baseUri + "/admin/realms/" + realm + "/users"), body);
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private URI created(String what, URI collection, JsonNode body) {
        KeycloakHttp.Response response = KeycloakHttp.postJson(collection, token(), body);
        if (response.status() != 201) {
            throw new IllegalStateException(KeycloakHttp.describe(what, response));
        }
        return URI.create(response.location().orElseThrow(
                () -> new IllegalStateException(what + ": no Location in Keycloak's answer")));
    }

    private synchronized String token() {
        Instant now = Instant.now();
        if (now.isAfter(tokenExpires)) {
            KeycloakHttp.Response response = KeycloakHttp.postForm(
                    URI.create(baseUri + "/realms/master/protocol/openid-connect/token"),
                    Map.of("grant_type", "password", "client_id", "admin-cli",
                            "username", username, "password", password));
            if (!response.ok()) {
                throw new IllegalStateException(KeycloakHttp.describe("the administrator's login", response));
            }
            token = response.body().path("access_token").asText();
            tokenExpires = now.plusSeconds(response.body().path("expires_in").asLong()).minus(TOKEN_MARGIN);
        }
        return token;
    }

    @Override
    public String toString() {
        return "KeycloakAdmin[" + baseUri + ", " + username + "]";
    }
}
