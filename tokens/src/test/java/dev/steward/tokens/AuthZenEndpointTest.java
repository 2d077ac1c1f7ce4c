package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.KeySourceException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.grant.Grant;
import dev.steward.tokens.http.AuthZenEndpoint;
import dev.steward.tokens.http.EndpointRequest;
import dev.steward.tokens.http.EndpointResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The AuthZEN 1.0 decision endpoint over real HTTP: the subject comes from the verified bearer
 * token, each evaluation is a recorded Steward decision, batches follow their semantics, and every
 * malformed or unauthenticated request gets its HTTP error.
 */
class AuthZenEndpointTest {
    private static final String ONE = AuthZenEndpoint.EVALUATION_PATH;
    private static final String MANY = AuthZenEndpoint.EVALUATIONS_PATH;
    private static final String JSON = "application/json";

    private final Desk desk = new Desk().withDelegation();
    private final IssuedToken token = desk.exchange(desk.forAlice("ticket:read ticket:comment"));
    private final String bot = desk.bot.id().value();
    private LocalHttp http = serve(b -> { });

    @AfterEach
    void close() {
        http.close();
        desk.close();
    }

    private LocalHttp serve(Consumer<AuthZenEndpoint.Builder> settings) {
        return serve(desk.verifier(), settings);
    }

    private LocalHttp serve(TokenVerifier verifier, Consumer<AuthZenEndpoint.Builder> settings) {
        AuthZenEndpoint.Builder b = AuthZenEndpoint.builder(desk.steward, verifier);
        settings.accept(b);
        AuthZenEndpoint endpoint = b.build();
        return new LocalHttp().mount(ONE, endpoint.evaluation()).mount(MANY, endpoint.evaluations());
    }

    private void reserve(Consumer<AuthZenEndpoint.Builder> settings) {
        http.close();
        http = serve(settings);
    }

    /** An evaluation body of the subject id, the action and the resource type and id. */
    private static String evaluation(String subject, String action, String type, String id) {
        return "{\"subject\":{\"type\":\"agent\",\"id\":\"" + subject + "\"},\"action\":{\"name\":\"" + action
                + "\"},\"resource\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}}";
    }

    private HttpResponse<String> ask(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token.token();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.post(path, JSON, body, all);
    }

    private JsonNode decided(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(r.body()).doesNotContain(token.token());
        return LocalHttp.json(r);
    }

    private JsonNode failed(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(r.body()).doesNotContain(token.token()).doesNotContain("Exception").doesNotContain("at dev.steward");
        JsonNode body = LocalHttp.json(r);
        assertThat(body.path("error").path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertThat(body.has("decision")).isFalse();
        return body;
    }

    private static void permits(JsonNode decision) {
        assertThat(decision.path("decision").isBoolean()).isTrue();
        assertThat(decision.path("decision").booleanValue()).as(decision.toString()).isTrue();
        assertThat(decision.has("context")).as("a permit carries no context a PEP might not understand").isFalse();
    }

    private static String denies(JsonNode decision) {
        assertThat(decision.path("decision").isBoolean()).isTrue();
        assertThat(decision.path("decision").booleanValue()).as(decision.toString()).isFalse();
        return decision.path("context").path("reason").asText();
    }

    private List<AuditEvent> decisions() {
        return desk.steward.audit().trail(token.jti());
    }

    @Nested
    @DisplayName("Access Evaluation API")
    class Evaluation {
        @Test
        @DisplayName("the token's actor on behalf of its chain is permitted what Steward allows: one recorded decision, correlated by the token's jti")
        void permitsAndRecords() {
            int before = decisions().size();
            permits(decided(ask(ONE, evaluation(bot, "ticket:read", "mcp", "ticket-desk"))));
            List<AuditEvent> trail = decisions();
            assertThat(trail).hasSize(before + 1);
            AuditEvent e = trail.get(trail.size() - 1);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOWED);
            assertThat(e.actor()).isEqualTo(desk.bot.id());
            assertThat(e.onBehalfOf()).containsExactly(desk.alice.id());
            assertThat(e.targetId()).isEqualTo(Desk.RESOURCE);
        }

        @Test
        @DisplayName("what Steward denies is a deny whose context names the decision's reason and audit event")
        void stewardDenies() {
            JsonNode d = decided(ask(ONE, evaluation(bot, "ticket:read", "mcp", "wiki")));
            assertThat(denies(d)).isIn("no_matching_grant", "not_delegated");
            assertThat(d.path("context").path("message").asText()).isNotBlank();
            AuditEvent e = decisions().get(decisions().size() - 1);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(d.path("context").path("audit_event_id").asText()).isEqualTo(e.id().value());
        }

        @Test
        @DisplayName("the body cannot choose the subject: a subject other than the token's actor (its principal too) is a deny, subject_mismatch, and nothing is decided")
        void subjectFromTheToken() {
            int before = decisions().size();
            assertThat(denies(decided(ask(ONE, evaluation(desk.alice.id().value(), "ticket:read", "mcp",
                    "ticket-desk"))))).isEqualTo("subject_mismatch");
            assertThat(denies(decided(ask(ONE, evaluation("triage-bot", "ticket:read", "mcp", "ticket-desk")))))
                    .isEqualTo("subject_mismatch");
            assertThat(decisions()).hasSize(before);
        }

        @Test
        @DisplayName("subjectIds names the actor as the PEPs know it")
        void subjectNaming() {
            reserve(b -> b.subjectIds(id -> desk.steward.identities().get(id).name()));
            permits(decided(ask(ONE, evaluation("triage-bot", "ticket:read", "mcp", "ticket-desk"))));
            assertThat(denies(decided(ask(ONE, evaluation(bot, "ticket:read", "mcp", "ticket-desk")))))
                    .isEqualTo("subject_mismatch");
        }

        @Test
        @DisplayName("an action outside the token's scope is a deny, insufficient_scope, though a grant would allow it")
        void scopeBoundsTheToken() {
            desk.grant(desk.alice, null, Duration.ofHours(8), "ticket:close");
            desk.grant(desk.bot, desk.alice.id(), Duration.ofHours(8), "ticket:close");
            assertThat(denies(decided(ask(ONE, evaluation(bot, "ticket:close", "mcp", "ticket-desk")))))
                    .isEqualTo("insufficient_scope");
        }

        @Test
        @DisplayName("the resource mapping decides the Steward resource; none, a failing mapping or a null is resource_not_mapped; a malformed one is a recorded invalid_request")
        void resourceMapping() {
            reserve(b -> b.resources(r -> switch (r.type()) {
                case "ticket" -> Optional.of(Desk.RESOURCE);
                case "broken" -> throw new IllegalStateException("directory down");
                case "null" -> null;
                case "odd" -> Optional.of("mcp:" + r.id() + "/../secrets");
                default -> Optional.empty();
            }));
            permits(decided(ask(ONE, evaluation(bot, "ticket:read", "ticket", "7"))));
            for (String type : new String[] {"mcp", "broken", "null"}) {
                assertThat(denies(decided(ask(ONE, evaluation(bot, "ticket:read", type, "ticket-desk")))))
                        .isEqualTo("resource_not_mapped");
            }
            JsonNode odd = decided(ask(ONE, evaluation(bot, "ticket:read", "odd", "x")));
            assertThat(denies(odd)).isEqualTo("invalid_request");
            assertThat(odd.path("context").path("audit_event_id").asText()).isNotBlank();
        }

        @Test
        @DisplayName("resource properties reach the mapping as plain values; subject and action properties and the context do not change the decision")
        void properties() {
            reserve(b -> b.resources(r -> Optional.of(r.properties().get("desk") instanceof String d
                    && r.properties().get("tags") instanceof List<?> tags && tags.size() == 2 ? "mcp:" + d : "none:x")));
            String body = "{\"subject\":{\"type\":\"agent\",\"id\":\"" + bot + "\",\"properties\":{\"role\":\"admin\"}},"
                    + "\"action\":{\"name\":\"ticket:read\",\"properties\":{\"method\":\"GET\"}},"
                    + "\"resource\":{\"type\":\"ticket\",\"id\":\"7\",\"properties\":{\"desk\":\"ticket-desk\","
                    + "\"tags\":[\"a\",1],\"n\":null,\"deep\":{\"x\":true}}},\"context\":{\"time\":\"now\"}}";
            permits(decided(ask(ONE, body)));
        }

        @Test
        @DisplayName("the evaluation API ignores an evaluations array and unknown members")
        void ignoresBatchMembers() {
            String body = "{\"subject\":{\"type\":\"agent\",\"id\":\"" + bot + "\"},\"action\":{\"name\":\"ticket:read\"},"
                    + "\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"},\"evaluations\":\"ignored\",\"foo\":[1]}";
            permits(decided(ask(ONE, body)));
        }
    }

    @Nested
    @DisplayName("Access Evaluations API")
    class Evaluations {
        private final String defaults = "\"subject\":{\"type\":\"agent\",\"id\":\"" + desk.bot.id().value()
                + "\"},\"action\":{\"name\":\"ticket:read\"}";
        private final String items = "\"evaluations\":[{\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"}},"
                + "{\"resource\":{\"type\":\"mcp\",\"id\":\"wiki\"}},"
                + "{\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"},\"action\":{\"name\":\"ticket:comment\"}}]";

        private JsonNode batch(String semantic) {
            String options = semantic == null ? "" : ",\"options\":{\"evaluations_semantic\":\"" + semantic + "\",\"x\":1}";
            JsonNode answer = decided(ask(MANY, "{" + defaults + "," + items + options + "}"));
            assertThat(answer.has("decision")).isFalse();
            return answer.path("evaluations");
        }

        @Test
        @DisplayName("execute_all, the default: every item decided in order, inheriting the top-level entities it leaves out")
        void executeAll() {
            int before = decisions().size();
            for (String semantic : new String[] {null, "execute_all"}) {
                JsonNode all = batch(semantic);
                assertThat(all).hasSize(3);
                permits(all.get(0));
                denies(all.get(1));
                permits(all.get(2));
            }
            assertThat(decisions()).hasSize(before + 6);
        }

        @Test
        @DisplayName("deny_on_first_deny ends the answer at the first deny")
        void denyOnFirstDeny() {
            JsonNode answer = batch("deny_on_first_deny");
            assertThat(answer).hasSize(2);
            permits(answer.get(0));
            denies(answer.get(1));
        }

        @Test
        @DisplayName("permit_on_first_permit ends the answer at the first permit")
        void permitOnFirstPermit() {
            JsonNode answer = batch("permit_on_first_permit");
            assertThat(answer).hasSize(1);
            permits(answer.get(0));
        }

        @Test
        @DisplayName("an item that cannot be read is a deny with an error of status 400; the others are still decided")
        void malformedItem() {
            JsonNode answer = decided(ask(MANY, "{" + defaults + ",\"evaluations\":[{},"
                    + "{\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"}},{\"resource\":\"mcp\"},7,"
                    + "{\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"},\"context\":[]}]}")).path("evaluations");
            assertThat(answer).hasSize(5);
            for (int i : new int[] {0, 2, 3, 4}) {
                assertThat(denies(answer.get(i))).isEqualTo("invalid_evaluation");
                assertThat(answer.get(i).path("context").path("error").path("status").asInt()).isEqualTo(400);
                assertThat(answer.get(i).path("context").path("error").path("message").asText())
                        .startsWith("evaluations[" + i + "]");
            }
            permits(answer.get(1));
        }

        @Test
        @DisplayName("without an evaluations array, or with an empty one, it answers as the evaluation API")
        void backwardsCompatible() {
            String single = "\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"}";
            permits(decided(ask(MANY, "{" + defaults + "," + single + "}")));
            permits(decided(ask(MANY, "{" + defaults + "," + single + ",\"evaluations\":[]}")));
            failed(ask(MANY, "{" + defaults + ",\"evaluations\":[]}"), 400);
        }

        @Test
        @DisplayName("a malformed top level is 400: evaluations not an array, options not an object, an unknown semantic, a malformed default, too many items")
        void malformedTopLevel() {
            failed(ask(MANY, "{" + defaults + ",\"evaluations\":{}}"), 400);
            failed(ask(MANY, "{" + defaults + "," + items + ",\"options\":[]}"), 400);
            failed(ask(MANY, "{" + defaults + "," + items + ",\"options\":{\"evaluations_semantic\":\"first\"}}"), 400);
            failed(ask(MANY, "{" + defaults + "," + items + ",\"options\":{\"evaluations_semantic\":1}}"), 400);
            failed(ask(MANY, "{\"subject\":\"bot\"," + items + "}"), 400);
            failed(ask(MANY, "{" + defaults + "," + items + ",\"context\":1}"), 400);
            reserve(b -> b.maxEvaluations(2));
            assertThat(failed(ask(MANY, "{" + defaults + "," + items + "}"), 400).path("error").path("message").asText())
                    .contains("at most 2");
        }
    }

    @Nested
    @DisplayName("bearer token")
    class Bearer {
        @Test
        @DisplayName("no bearer token, or another scheme, is 401 with a Bearer challenge (RFC 6750)")
        void missing() {
            String body = evaluation(bot, "ticket:read", "mcp", "ticket-desk");
            HttpResponse<String> none = http.post(ONE, JSON, body);
            failed(none, 401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            failed(http.post(ONE, JSON, body, "Authorization", "Basic " + token.token()), 401);
            failed(http.post(ONE, JSON, body, "Authorization", "Bearer"), 401);
        }

        @Test
        @DisplayName("a token the verifier refuses is 401 invalid_token naming the reason: malformed, for another audience, expired, revoked")
        void refused() {
            String body = evaluation(bot, "ticket:read", "mcp", "ticket-desk");
            desk.grantOn(Desk.OTHER_RESOURCE, desk.alice, null, Duration.ofHours(8), "wiki:read");
            desk.grantOn(Desk.OTHER_RESOURCE, desk.bot, desk.alice.id(), Duration.ofHours(8), "wiki:read");
            IssuedToken wiki = desk.exchange(TokenExchange.builder().subject(desk.alice.id())
                    .actor(ActorProof.apiKey(desk.botKey)).audience(Desk.OTHER_AUDIENCE).scope("wiki:read").build());
            assertThat(refusedWith(http.post(ONE, JSON, body, "Authorization", "Bearer not.a.token"))).contains("MALFORMED");
            assertThat(refusedWith(http.post(ONE, JSON, body, "Authorization", "Bearer " + wiki.token())))
                    .contains("WRONG_AUDIENCE");
            desk.clock.advance(Duration.ofMinutes(6));
            assertThat(refusedWith(ask(ONE, body))).contains("EXPIRED");
        }

        @Test
        @DisplayName("revoking a grant behind the token refuses it at once: 401, REVOKED")
        void revoked() {
            String body = evaluation(bot, "ticket:read", "mcp", "ticket-desk");
            permits(decided(ask(ONE, body)));
            for (var g : token.grants()) {
                Grant grant = desk.steward.grants().get(g);
                desk.steward.grants().revoke(grant.id(), desk.bob.asActor(), "offboarding");
            }
            assertThat(refusedWith(ask(ONE, body))).contains("REVOKED");
        }

        private String refusedWith(HttpResponse<String> r) {
            failed(r, 401);
            String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge).startsWith("Bearer error=\"invalid_token\"");
            return challenge;
        }

        @Test
        @DisplayName("the scheme name is case-insensitive; two Authorization headers are 400")
        void schemeAndRepeats() {
            String body = evaluation(bot, "ticket:read", "mcp", "ticket-desk");
            permits(decided(http.post(ONE, JSON, body, "Authorization", "bearer " + token.token())));
            failed(http.post(ONE, JSON, body, "Authorization", "Bearer " + token.token(), "Authorization",
                    "Bearer " + token.token()), 400);
        }

        @Test
        @DisplayName("keys that cannot be read are 503, without a challenge")
        void unavailable() {
            http.close();
            http = serve(TokenVerifier.builder(desk.steward).issuer(Desk.ISSUER).audience(Desk.AUDIENCE)
                    .jwkSource((selector, context) -> {
                        throw new KeySourceException("the JWKS endpoint is down");
                    }).build(), b -> { });
            HttpResponse<String> r = ask(ONE, evaluation(bot, "ticket:read", "mcp", "ticket-desk"));
            failed(r, 503);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @Nested
    @DisplayName("transport")
    class Transport {
        private final String body = evaluation(desk.bot.id().value(), "ticket:read", "mcp", "ticket-desk");

        @Test
        @DisplayName("only POST: another method is 405 with Allow: POST")
        void onlyPost() {
            HttpResponse<String> r = http.send(http.request(ONE).header("Authorization", "Bearer " + token.token())
                    .GET().build());
            failed(r, 405);
            assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        }

        @Test
        @DisplayName("a Content-Type other than application/json is 400")
        void onlyJson() {
            failed(http.post(ONE, "text/plain", body, "Authorization", "Bearer " + token.token()), 400);
            failed(http.post(ONE, "application/json; charset=utf-16", body, "Authorization", "Bearer " + token.token()),
                    400);
            failed(http.send(http.request(ONE).header("Authorization", "Bearer " + token.token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build()), 400);
            permits(decided(http.post(ONE, "application/json; charset=UTF-8", body, "Authorization",
                    "Bearer " + token.token())));
        }

        @Test
        @DisplayName("a body over the limit is 413")
        void bodyLimit() {
            reserve(b -> b.maxBodyBytes(1024));
            failed(ask(ONE, body.replace("}}", "},\"pad\":\"" + "x".repeat(2000) + "\"}")), 413);
        }

        @Test
        @DisplayName("a body that is not one JSON object is 400: empty, malformed, an array, trailing text, a duplicated member, nesting too deep, bytes that are not UTF-8")
        void notJson() {
            String deep = "{\"context\":" + "[".repeat(40) + "]".repeat(40) + "," + body.substring(1);
            for (String bad : new String[] {"", "{", "[]", "\"x\"", body + " {}",
                "{\"subject\":{\"type\":\"agent\",\"id\":\"a\"}," + body.substring(1), deep}) {
                failed(ask(ONE, bad), 400);
            }
            HttpRequest latin1 = http.request(ONE).header("Authorization", "Bearer " + token.token())
                    .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofByteArray(
                            body.replace("ticket-desk", "ticket-d\u00e9sk").getBytes(StandardCharsets.ISO_8859_1)))
                    .build();
            failed(http.send(latin1), 400);
        }

        @Test
        @DisplayName("a missing entity or sub-field, or a wrong type, is 400 (AuthZEN 1.0 §10.1.1)")
        void requiredMembers() {
            String s = "\"subject\":{\"type\":\"agent\",\"id\":\"" + desk.bot.id().value() + "\"}";
            String a = "\"action\":{\"name\":\"ticket:read\"}";
            String r = "\"resource\":{\"type\":\"mcp\",\"id\":\"ticket-desk\"}";
            for (String bad : new String[] {"{" + a + "," + r + "}", "{" + s + "," + r + "}", "{" + s + "," + a + "}",
                "{" + s + "," + a + ",\"resource\":null}",
                "{\"subject\":{\"id\":\"x\"}," + a + "," + r + "}", "{\"subject\":{\"type\":\"agent\"}," + a + "," + r + "}",
                "{" + s + ",\"action\":{}," + r + "}", "{" + s + "," + a + ",\"resource\":{\"id\":\"x\"}}",
                "{" + s + "," + a + ",\"resource\":{\"type\":\"mcp\"}}",
                "{\"subject\":\"bot\"," + a + "," + r + "}", "{" + s + ",\"action\":{\"name\":123}," + r + "}",
                "{" + s + "," + a + ",\"resource\":{\"type\":\"mcp\",\"id\":\"x\",\"properties\":[]}}",
                "{" + s + "," + a + "," + r + ",\"context\":\"now\"}"}) {
                failed(ask(ONE, bad), 400);
            }
        }

        @Test
        @DisplayName("X-Request-ID is echoed on answers and errors; a repeated one is 400")
        void requestId() {
            HttpResponse<String> ok = ask(ONE, body, "X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
            assertThat(ok.headers().firstValue("X-Request-ID")).hasValue("bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
            HttpResponse<String> bad = ask(ONE, "{}", "X-Request-ID", "r-2");
            failed(bad, 400);
            assertThat(bad.headers().firstValue("X-Request-ID")).hasValue("r-2");
            assertThat(ask(ONE, body).headers().firstValue("X-Request-ID")).isEmpty();
            failed(ask(ONE, body, "X-Request-ID", "a", "X-Request-ID", "b"), 400);
        }

        @Test
        @DisplayName("called directly, the handlers answer the same as over HTTP; a path below the mount point is 404")
        void neutral() {
            AuthZenEndpoint endpoint = AuthZenEndpoint.builder(desk.steward, desk.verifier()).build();
            EndpointResponse r = endpoint.evaluation().handle(EndpointRequest.builder("POST")
                    .header("Content-Type", JSON).header("Authorization", "Bearer " + token.token())
                    .body(body.getBytes(StandardCharsets.UTF_8)).build());
            assertThat(r.status()).isEqualTo(200);
            permits(LocalHttp.json(r.bodyText()));
            assertThat(endpoint.evaluations().maxBodyBytes()).isEqualTo(AuthZenEndpoint.DEFAULT_MAX_BODY_BYTES);
            assertThat(endpoint.toString()).doesNotContain(token.token());
            assertThat(http.send(http.request(ONE + "/more").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build()).statusCode()).isEqualTo(404);
        }

        @Test
        @DisplayName("the builder takes each setting once and checks its range")
        void builder() {
            AuthZenEndpoint.Builder b = AuthZenEndpoint.builder(desk.steward, desk.verifier());
            assertThatThrownBy(() -> b.maxEvaluations(0)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("maxEvaluations");
            assertThatThrownBy(() -> b.maxBodyBytes(10)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("maxBodyBytes");
            b.resources(r -> Optional.empty());
            assertThatThrownBy(() -> b.resources(r -> Optional.empty())).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("already set");
            b.subjectIds(id -> "x");
            assertThatThrownBy(() -> b.subjectIds(id -> "y")).isInstanceOf(ValidationException.class);
        }
    }
}
