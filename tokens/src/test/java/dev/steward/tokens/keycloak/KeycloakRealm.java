package dev.steward.tokens.keycloak;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A fresh realm on a {@link KeycloakServer} with one confidential client whose tokens name a given
 * audience; users are added to it and logged in with the resource-owner password grant (fine for a
 * test; a real login goes through the browser). Each realm has a random name, so test classes
 * sharing one server never see each other's users. Thread-safe.
 */
public final class KeycloakRealm {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakServer server;
    private final String name;
    private final String clientId;
    private final String clientSecret;
    private final String audience;

    private KeycloakRealm(KeycloakServer server, String name, String clientId, String clientSecret, String audience) {
        this.server = server;
        this.name = name;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.audience = audience;
    }

    /**
     * Creates a realm and its client through the admin API.
     *
     * @param server the running Keycloak
     * @param audience the audience the client's access and ID tokens carry in {@code aud}
     * @return the realm
     */
    public static KeycloakRealm create(KeycloakServer server, String audience) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(audience, "audience");
        KeycloakRealm realm = new KeycloakRealm(server, "steward-" + randomHex(4), "steward-login", randomHex(16),
                audience);
        server.admin().createRealm(realm.name);
        server.admin().createConfidentialClient(realm.name, realm.clientId, realm.clientSecret, audience);
        return realm;
    }

    /**
     * Creates a user whose login name is the email's local part and whose password is random.
     *
     * @param email the user's (verified) email address
     * @return the user
     */
    public KeycloakUser createUser(String email) {
        String username = email.substring(0, email.indexOf('@'));
        String password = randomHex(12);
        String id = server.admin().createUser(name, username, email, password);
        return new KeycloakUser(id, username, email, password);
    }

    /**
     * Logs a user in with the password grant and scope {@code openid}.
     *
     * @param user the user
     * @return the access and ID tokens
     * @throws IllegalStateException if Keycloak refuses the login (the message has its error)
     */
    public KeycloakTokens login(KeycloakUser user) {
        return login(user.username(), user.password());
    }

    /**
     * Logs in with the password grant and scope {@code openid}.
     *
     * @param username the login name
     * @param password the password
     * @return the access and ID tokens
     * @throws IllegalStateException if Keycloak refuses the login (the message has its error)
     */
    public KeycloakTokens login(String username, String password) {
        KeycloakHttp.Response response = KeycloakHttp.postForm(server.tokenEndpoint(name), Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "client_secret", clientSecret,
                "username", username,
                "password", password,
                "scope", "openid"));
        if (!response.ok()) {
            throw new IllegalStateException(KeycloakHttp.describe("the login of " + username, response));
        }
        return new KeycloakTokens(
                response.body().path("access_token").asText(),
                response.body().path("id_token").asText(),
                Duration.ofSeconds(response.body().path("expires_in").asLong()));
    }

    /** {@return the realm's name} */
    public String name() {
        return name;
    }

    /** {@return the id of the realm's client, the {@code azp} of its tokens and the {@code aud} of its ID tokens} */
    public String clientId() {
        return clientId;
    }

    /** {@return the audience the client's tokens carry} */
    public String audience() {
        return audience;
    }

    /** {@return the realm's issuer, exactly as in its tokens' {@code iss}} */
    public URI issuer() {
        return server.issuer(name);
    }

    /** {@return the URL of the realm's JSON Web Key Set} */
    public URI jwksUri() {
        return server.jwksUri(name);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return "KeycloakRealm[" + issuer() + ", client " + clientId + "]";
    }
}
