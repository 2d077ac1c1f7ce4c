package dev.steward.tokens.keycloak;

import java.time.Duration;

/**
 * The tokens of one Keycloak login. {@link #toString()} leaves the tokens out.
 *
 * @param accessToken the access token (a JWT, RS256)
 * @param idToken the OpenID Connect ID token (a JWT, RS256)
 * @param expiresIn the access token's lifetime as Keycloak states it
 */
public record KeycloakTokens(String accessToken, String idToken, Duration expiresIn) {

    @Override
    public String toString() {
        return "KeycloakTokens[expires in " + expiresIn + "]";
    }
}
