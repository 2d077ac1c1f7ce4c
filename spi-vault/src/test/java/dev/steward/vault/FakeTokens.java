package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tokens of the fake Vault: a root token that never expires, and tokens issued by AppRole logins
 * with a TTL and a max TTL, following https://developer.hashicorp.com/vault/api-docs/auth/approle
 * ("Login with AppRole": {@code role_id} and {@code secret_id} in, {@code auth.client_token},
 * {@code auth.lease_duration} in seconds and {@code auth.renewable} out; a wrong pair is 400
 * "invalid role or secret ID") and https://developer.hashicorp.com/vault/api-docs/auth/token
 * ("Renew a token (self)": {@code increment}, capped at the max TTL, which Vault reports with a
 * warning; "Lookup a token (self)": {@code ttl}, {@code expire_time}). An expired token is
 * refused with 403 "permission denied", as any unknown one. A token is valid in the namespace it
 * was created in and below it.
 */
final class FakeTokens {
    static final String ROOT = "root-" + UUID.randomUUID();

    private record Role(String secretId, Duration ttl, Duration maxTtl) {
    }

    private record Token(String namespace, Instant created, Instant expires, Instant maxExpires, Duration ttl) {
    }

    private final Clock clock;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();

    FakeTokens(Clock clock) {
        this.clock = clock;
    }

    /** Configures a role, as {@code auth/approle/role/:name} with {@code token_ttl} and {@code token_max_ttl} would. */
    void role(String roleId, String secretId, Duration ttl, Duration maxTtl) {
        roles.put(roleId, new Role(secretId, ttl, maxTtl));
    }

    /** Revokes every issued token, as when they expire or are revoked in the middle of a run. */
    void revokeAll() {
        tokens.clear();
    }

    int logins() {
        return logins.get();
    }

    int renewals() {
        return renewals.get();
    }

    boolean valid(String token, String namespace) {
        if (ROOT.equals(token)) {
            return true;
        }
        Token t = token == null ? null : tokens.get(token);
        if (t == null || !clock.instant().isBefore(t.expires())) {
            return false;
        }
        return t.namespace().isEmpty() || namespace.equals(t.namespace()) || namespace.startsWith(t.namespace() + "/");
    }

    FakeVault.Answer login(String namespace, JsonNode body) {
        Role role = roles.get(body.path("role_id").asText());
        if (role == null || !role.secretId().equals(body.path("secret_id").asText())) {
            return FakeVault.Answer.error(400, "invalid role or secret ID");
        }
        logins.incrementAndGet();
        String id = "hvs." + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        tokens.put(id, new Token(namespace, now, now.plus(role.ttl()), now.plus(role.maxTtl()), role.ttl()));
        return new FakeVault.Answer(200, auth(id, role.ttl(), null), 0);
    }

    FakeVault.Answer self(String method, String op, String token, JsonNode body) {
        if (ROOT.equals(token)) {
            return FakeVault.Answer.error(400, "the fake Vault does not renew or look up its root token");
        }
        Token t = tokens.get(token);
        Instant now = clock.instant();
        if (op.equals("lookup-self") && method.equals("GET")) {
            ObjectNode d = FakeVault.JSON.createObjectNode();
            d.put("creation_time", t.created().getEpochSecond()).put("creation_ttl", t.ttl().toSeconds())
                    .put("expire_time", t.expires().toString()).put("renewable", true)
                    .put("ttl", Duration.between(now, t.expires()).toSeconds());
            return FakeVault.Answer.ok(FakeVault.data(d));
        }
        if (op.equals("renew-self") && method.equals("POST")) {
            renewals.incrementAndGet();
            Duration wanted = increment(body.path("increment").asText(""), t.ttl());
            Instant expires = now.plus(wanted);
            String warning = null;
            if (expires.isAfter(t.maxExpires())) {
                expires = t.maxExpires();
                warning = "TTL of \"" + wanted.toSeconds() + "s\" exceeded the effective max_ttl; TTL value is capped accordingly";
            }
            tokens.put(token, new Token(t.namespace(), t.created(), expires, t.maxExpires(), t.ttl()));
            return new FakeVault.Answer(200, auth(token, Duration.between(now, expires), warning), 0);
        }
        return FakeVault.Answer.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
    }

    private static Duration increment(String text, Duration otherwise) {
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return text.isEmpty() ? otherwise : Duration.ofSeconds(Long.parseLong(text));
    }

    private static ObjectNode auth(String token, Duration lease, String warning) {
        ObjectNode r = FakeVault.data(null);
        r.putNull("data");
        if (warning != null) {
            r.putArray("warnings").add(warning);
        }
        ObjectNode a = r.putObject("auth");
        a.put("client_token", token).put("accessor", "acc-" + token.hashCode()).put("lease_duration", lease.toSeconds())
                .put("renewable", true).put("entity_id", "").put("token_type", "service").put("orphan", true);
        a.putArray("policies").add("default");
        a.putArray("token_policies").add("default");
        return r;
    }
}
