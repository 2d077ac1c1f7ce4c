package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Vault token in use: the static one, or one from an AppRole login that is renewed before its
 * lease ends and replaced when Vault refuses it. Thread-safe; a login or renewal holds the lock, so
 * concurrent calls wait for it rather than logging in several times.
 */
final class VaultSession {
    private static final String REDACTED = "[redacted]";

    private final VaultAuth auth;
    private final VaultHttp http;
    private final Clock clock;

    private String token;
    private Duration loginLease = Duration.ZERO;
    private Instant refreshAt;
    private boolean renewable;

    VaultSession(VaultAuth auth, VaultHttp http, Clock clock) {
        this.auth = auth;
        this.http = http;
        this.clock = clock;
    }

    /** @return the token to send, after a login or renewal if one is due */
    synchronized String token() {
        if (auth.kind() == VaultAuth.Kind.TOKEN) {
            return auth.token();
        }
        if (token == null) {
            login();
        } else if (refreshAt != null && !clock.instant().isBefore(refreshAt)) {
            if (renewable) {
                try {
                    renew();
                } catch (VaultException e) {
                    login();
                }
            } else {
                login();
            }
        }
        return token;
    }

    /**
     * Vault refused a token.
     *
     * @param used the token the refused call carried
     * @return whether a fresh login is possible, so the call is worth sending again
     */
    synchronized boolean rejected(String used) {
        if (auth.kind() == VaultAuth.Kind.TOKEN) {
            return false;
        }
        if (used != null && used.equals(token)) {
            token = null;
        }
        return true;
    }

    /**
     * @param text text that may come from Vault
     * @return the text with the token, role id and secret id replaced
     */
    String redact(String text) {
        String out = text;
        String current;
        synchronized (this) {
            current = token;
        }
        for (String sensitive : new String[] {auth.token(), auth.secretId(), auth.roleId(), current}) {
            if (sensitive != null && !sensitive.isEmpty()) {
                out = out.replace(sensitive, REDACTED);
            }
        }
        return out;
    }

    // https://developer.hashicorp.com/vault/api-docs/auth/approle#login-with-approle
    private void login() {
        token = null;
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("role_id", auth.roleId()).put("secret_id", auth.secretId());
        String operation = "AppRole login at auth/" + auth.mount();
        VaultHttp.Response r = http.exchange(operation, "POST", "auth/" + auth.mount() + "/login", body, true, null);
        JsonNode granted = r.body().path("auth");
        if (!r.ok() || !granted.path("client_token").isTextual()) {
            throw http.failure(operation, r, VaultException.Reason.LOGIN_FAILED);
        }
        token = granted.path("client_token").asText();
        loginLease = Duration.ofSeconds(granted.path("lease_duration").asLong());
        lease(loginLease, granted.path("renewable").asBoolean());
    }

    // https://developer.hashicorp.com/vault/api-docs/auth/token#renew-a-token-self
    private void renew() {
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("increment", loginLease.toSeconds() + "s");
        VaultHttp.Response r = http.exchange("token renewal", "POST", "auth/token/renew-self", body, true, token);
        JsonNode granted = r.body().path("auth");
        if (!r.ok() || !granted.path("lease_duration").isNumber()) {
            throw http.failure("token renewal", r, VaultException.Reason.LOGIN_FAILED);
        }
        Duration lease = Duration.ofSeconds(granted.path("lease_duration").asLong());
        // Vault caps a renewal at the token's max TTL: then the next refresh is a login.
        lease(lease, granted.path("renewable").asBoolean() && lease.compareTo(loginLease) >= 0);
    }

    private void lease(Duration lease, boolean canRenew) {
        renewable = canRenew;
        refreshAt = lease.isZero() ? null : clock.instant().plus(lease.multipliedBy(2).dividedBy(3));
    }
}
