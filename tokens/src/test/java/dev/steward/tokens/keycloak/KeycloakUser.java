package dev.steward.tokens.keycloak;

/**
 * A user created in a Keycloak realm. {@link #toString()} leaves the password out.
 *
 * @param id Keycloak's id of the user, the {@code sub} of its tokens
 * @param username the login name
 * @param email the verified email address
 * @param password the user's password
 */
public record KeycloakUser(String id, String username, String email, String password) {

    @Override
    public String toString() {
        return "KeycloakUser[" + username + ", " + email + ", id " + id + "]";
    }
}
