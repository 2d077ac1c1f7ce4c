package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.memory.InMemoryStore;
import dev.steward.tokens.http.AuthZenEndpoint;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The AuthZEN Authorization API 1.0 certification scenario (openid/authzen,
 * certification/authorization-api-1_0-scenario.md), levels Basic Core (C.2) and Batch Core
 * (C.3), its requests verbatim over HTTP. Its fixture as Steward grants: alice may read and write
 * {@code record:record-1}, bob may read it (rules 1 to 4); the subject ids {@code alice} and
 * {@code bob} name the two humans through {@link AuthZenEndpoint.Builder#subjectIds}, and each
 * request carries its subject's own token. Not run: the Properties sub-levels, whose rules grant
 * on attributes the PEP asserts about the subject and the action (Steward takes the subject from
 * the token and decides on grants), Search and Discovery, which the endpoint does not offer.
 */
class AuthZenConformanceTest {
    private static final String APPS = "https://records.acme.example";
    private static final String ONE = AuthZenEndpoint.EVALUATION_PATH;
    private static final String MANY = AuthZenEndpoint.EVALUATIONS_PATH;

    private final Desk desk = new Desk(InMemoryStore.create(), b -> { }, TokenSigners.generateEd25519(),
            t -> t.audience(APPS, "records:api"));
    private final String alice;
    private final String bob;
    private final LocalHttp http;

    AuthZenConformanceTest() {
        desk.grantOn("records:api", desk.alice, null, Duration.ofHours(8), "read", "write", "delete");
        desk.grantOn("records:api", desk.bob, null, Duration.ofHours(8), "read", "write");
        desk.grantOn("record:record-1", desk.alice, null, Duration.ofHours(8), "read", "write");
        desk.grantOn("record:record-1", desk.bob, null, Duration.ofHours(8), "read");
        alice = ownToken(desk.alice, "read write delete");
        bob = ownToken(desk.bob, "read write");
        Map<IdentityId, String> names = Map.of(desk.alice.id(), "alice", desk.bob.id(), "bob");
        AuthZenEndpoint endpoint = AuthZenEndpoint.builder(desk.steward, desk.tokens.verifier(APPS))
                .subjectIds(names::get).build();
        http = new LocalHttp().mount(ONE, endpoint.evaluation()).mount(MANY, endpoint.evaluations());
    }

    private String ownToken(Identity who, String scope) {
        return desk.exchange(TokenExchange.builder().subject(who.id()).actor(ActorProof.apiKey(desk.apiKey(who)))
                .audience(APPS).scope(scope).build()).token();
    }

    @AfterEach
    void close() {
        http.close();
        desk.close();
    }

    private HttpResponse<String> post(String path, String token, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        all.addAll(List.of(headers));
        return http.post(path, "application/json", body, all.toArray(String[]::new));
    }

    /** C.2.3 and C.5: 200, application/json, a boolean decision, a context that is an object if present. */
    private static JsonNode decision(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode d = LocalHttp.json(r);
        assertThat(d.path("decision").isBoolean()).as(r.body()).isTrue();
        assertThat(!d.has("context") || d.get("context").isObject()).isTrue();
        return d;
    }

    private static boolean decided(HttpResponse<String> r) {
        return decision(r).path("decision").booleanValue();
    }

    /** C.3.3: 200, an evaluations array of decisions in request order, no top-level decision needed. */
    private static List<Boolean> batch(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = LocalHttp.json(r);
        assertThat(body.path("evaluations").isArray()).as(r.body()).isTrue();
        List<Boolean> out = new ArrayList<>();
        for (JsonNode d : body.path("evaluations")) {
            assertThat(d.path("decision").isBoolean()).isTrue();
            assertThat(!d.has("context") || d.get("context").isObject()).isTrue();
            out.add(d.path("decision").booleanValue());
        }
        return out;
    }

    @Nested
    @DisplayName("Basic Core: the Access Evaluation API")
    class BasicCore {
        @Test
        @DisplayName("C.2.2.1 fixture permit, C.2.2.2 fixture deny, C.2.2.3 with optional context")
        void fixtureDecisions() {
            assertThat(decided(post(ONE, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "resource": {"type": "record", "id": "record-1"}}"""))).isTrue();
            assertThat(decided(post(ONE, bob, """
                    {"subject": {"type": "user", "id": "bob"}, "action": {"name": "write"},
                     "resource": {"type": "record", "id": "record-1"}}"""))).isFalse();
            assertThat(decided(post(ONE, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "resource": {"type": "record", "id": "record-1"},
                     "context": {"time": "2025-06-27T18:03-07:00", "ip": "192.168.1.1"}}"""))).isTrue();
        }

        @Test
        @DisplayName("C.2.2.8 additional properties, C.2.2.9 unknown fields are accepted")
        void extraMembers() {
            assertThat(decided(post(ONE, alice, """
                    {"subject": {"type": "user", "id": "alice", "properties": {"department": "Sales", "role": "manager"}},
                     "action": {"name": "read", "properties": {"method": "GET"}},
                     "resource": {"type": "record", "id": "record-1", "properties": {"status": "active", "owner": "bob"}}}
                    """))).isTrue();
            assertThat(decided(post(ONE, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "resource": {"type": "record", "id": "record-1"}, "foo": "bar", "futureField": {"nested": true}}
                    """))).isTrue();
        }

        @Test
        @DisplayName("C.2.4.1 missing entities, C.2.4.2 missing sub-fields, C.2.4.6 invalid field types are 400")
        void missingAndMistyped() {
            for (String bad : new String[] {
                "{\"action\": {\"name\": \"read\"}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"}}",
                "{\"subject\": {\"id\": \"alice\"}, \"action\": {\"name\": \"read\"}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\"}, \"action\": {\"name\": \"read\"}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"}, \"resource\": {\"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"}, \"resource\": {\"type\": \"record\"}}",
                "{\"subject\": \"alice\", \"action\": {\"name\": \"read\"}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}",
                "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": 123}, \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}"}) {
                assertThat(post(ONE, alice, bad).statusCode()).as(bad).isEqualTo(400);
            }
        }

        @Test
        @DisplayName("C.2.4.3 a Content-Type other than application/json, C.2.4.4 malformed JSON, C.2.4.5 an empty body are 400")
        void transportErrors() {
            String ok = "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"},"
                    + " \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}";
            assertThat(http.post(ONE, "text/plain", ok, "Authorization", "Bearer " + alice).statusCode()).isEqualTo(400);
            assertThat(post(ONE, alice, "{\"subject\": ").statusCode()).isEqualTo(400);
            assertThat(post(ONE, alice, "").statusCode()).isEqualTo(400);
        }

        @Test
        @DisplayName("C.2.5.1 X-Request-ID is echoed, C.2.5.2 its absence does not fail, C.2.6 the same request decides the same")
        void headersAndIdempotency() {
            String body = "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"},"
                    + " \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}}";
            HttpResponse<String> r = post(ONE, alice, body, "X-Request-ID", "cert-2-5-1");
            assertThat(r.headers().firstValue("X-Request-ID")).hasValue("cert-2-5-1");
            for (int i = 0; i < 3; i++) {
                assertThat(decided(post(ONE, alice, body))).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("Batch Core: the Access Evaluations API")
    class BatchCore {
        @Test
        @DisplayName("C.3.2.1 an evaluations array answers one decision per item; C.3.2.2 decisions in request order")
        void arrayAndOrder() {
            assertThat(batch(post(MANY, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "evaluations": [{"resource": {"type": "record", "id": "record-1"}},
                                     {"resource": {"type": "record", "id": "record-2"}}]}"""))).hasSize(2)
                    .first().isEqualTo(true);
            assertThat(batch(post(MANY, bob, """
                    {"subject": {"type": "user", "id": "bob"}, "resource": {"type": "record", "id": "record-1"},
                     "evaluations": [{"action": {"name": "read"}}, {"action": {"name": "write"}}]}""")))
                    .containsExactly(true, false);
        }

        @Test
        @DisplayName("C.3.2.5 fully specified items: bob's item under alice's token is a deny (the token says who asks), as the fixture's deny is")
        void fullySpecified() {
            assertThat(batch(post(MANY, alice, """
                    {"evaluations": [
                      {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"}, "resource": {"type": "record", "id": "record-1"}},
                      {"subject": {"type": "user", "id": "bob"}, "action": {"name": "write"}, "resource": {"type": "record", "id": "record-1"}}]}
                    """))).containsExactly(true, false);
        }

        @Test
        @DisplayName("C.3.2.6 a top-level context is inherited and may be overridden")
        void contextInheritance() {
            assertThat(batch(post(MANY, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "context": {"time": "2025-06-27T18:03-07:00"},
                     "evaluations": [{"resource": {"type": "record", "id": "record-1"}},
                       {"resource": {"type": "record", "id": "record-2"},
                        "context": {"time": "2025-06-27T19:00-07:00", "source": "batch-override"}}]}"""))).hasSize(2);
        }

        @Test
        @DisplayName("C.3.4.1 under execute_all an item missing its resource is a deny, the batch still answered")
        void itemError() {
            HttpResponse<String> r = post(MANY, alice, """
                    {"subject": {"type": "user", "id": "alice"}, "action": {"name": "read"},
                     "options": {"evaluations_semantic": "execute_all"},
                     "evaluations": [{"resource": {"type": "record", "id": "record-1"}}, {}]}""");
            assertThat(batch(r)).containsExactly(true, false);
            assertThat(LocalHttp.json(r).path("evaluations").get(1).path("context").isObject()).isTrue();
        }

        @Test
        @DisplayName("C.3.4.2 without evaluations, C.3.4.3 with an empty array, it answers a single decision")
        void backwardsCompatible() {
            String single = "{\"subject\": {\"type\": \"user\", \"id\": \"alice\"}, \"action\": {\"name\": \"read\"},"
                    + " \"resource\": {\"type\": \"record\", \"id\": \"record-1\"}";
            for (String body : new String[] {single + "}", single + ", \"evaluations\": []}"}) {
                HttpResponse<String> r = post(MANY, alice, body);
                assertThat(decided(r)).isTrue();
                assertThat(LocalHttp.json(r).has("evaluations")).isFalse();
            }
        }
    }

    @Test
    @DisplayName("C.5 transport: an unauthenticated request is not decided (401 with a Bearer challenge)")
    void unauthenticated() {
        HttpResponse<String> r = http.send(http.request(ONE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
