package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.memory.InMemoryStore;
import dev.steward.tokens.http.AuthZenEndpoint;
import dev.steward.tokens.http.AuthZenResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The AuthZEN "Todo" interop scenario (authzen-interop.net), its published vectors for AuthZEN 1.0
 * (decisions-authorization-api-1_0-02.json: 40 evaluations, 3 batches) run verbatim over HTTP.
 *
 * <p>The scenario mapped to Steward: the five users are humans; the subject ids of the vectors
 * (the scenario's PIDs) name them through {@link AuthZenEndpoint.Builder#subjectIds}; each request
 * carries the subject's own delegation token for the Todo backend. The roles are grants. A token's
 * scope holds the actions its user may use at the Todo app at all (a grant on the app's resource);
 * which todo they act on is decided per resource: {@code todo-app:users/<id>},
 * {@code todo-app:todos/<id>}, and {@code todo-app:todos/<ownerID>/<id>} for an owned todo. A
 * viewer may read users and todos; an editor also create todos, and update and delete its own; an
 * admin delete any; an evil genius update any.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthZenTodoInteropTest {
    private static final String TODO = "https://todo.authzen-interop.example";
    private static final String APP = "todo-app:api";
    private static final List<String> VIEWER = List.of("can_read_user", "can_read_todos");
    private static final List<String> EDITOR = List.of("can_read_user", "can_read_todos", "can_create_todo",
            "can_update_todo", "can_delete_todo");

    private final Desk desk = new Desk(InMemoryStore.create(), b -> { }, TokenSigners.generateEd25519(),
            t -> t.audience(TODO, APP));
    private final Map<IdentityId, String> pids = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final LocalHttp http;

    AuthZenTodoInteropTest() {
        user("CiRmZDA2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs", "rick@the-citadel.com", "admin",
                "evil_genius");
        user("CiRmZDE2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs", "morty@the-citadel.com", "editor");
        user("CiRmZDI2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs", "summer@the-smiths.com", "editor");
        user("CiRmZDM2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs", "beth@the-smiths.com", "viewer");
        user("CiRmZDQ2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs", "jerry@the-smiths.com", "viewer");
        AuthZenEndpoint endpoint = AuthZenEndpoint.builder(desk.steward, desk.tokens.verifier(TODO))
                .subjectIds(pids::get).resources(AuthZenTodoInteropTest::todoResource).build();
        http = new LocalHttp().mount(AuthZenEndpoint.EVALUATION_PATH, endpoint.evaluation())
                .mount(AuthZenEndpoint.EVALUATIONS_PATH, endpoint.evaluations());
    }

    @AfterAll
    void close() {
        http.close();
        desk.close();
    }

    /** The Todo app's resources as Steward resources: users, todos, and todos under their owner. */
    private static Optional<String> todoResource(AuthZenResource r) {
        return switch (r.type()) {
            case "user" -> Optional.of("todo-app:users/" + r.id());
            case "todo" -> Optional.of(r.properties().get("ownerID") instanceof String owner
                    ? "todo-app:todos/" + owner + "/" + r.id() : "todo-app:todos/" + r.id());
            default -> Optional.empty();
        };
    }

    /** A user with roles: its grants, its API key, and its own token for the Todo backend. */
    private void user(String pid, String email, String... roles) {
        Identity user = desk.human(email);
        pids.put(user.id(), pid);
        List<String> roleList = List.of(roles);
        boolean editor = !roleList.contains("viewer");
        List<String> app = editor ? EDITOR : VIEWER;
        desk.grantOn(APP, user, null, Duration.ofHours(8), app.toArray(String[]::new));
        desk.grantOn("todo-app:users/*", user, null, Duration.ofHours(8), "can_read_user");
        desk.grantOn("todo-app:todos/*", user, null, Duration.ofHours(8),
                editor ? new String[] {"can_read_todos", "can_create_todo"} : new String[] {"can_read_todos"});
        if (editor) {
            desk.grantOn("todo-app:todos/" + email + "/*", user, null, Duration.ofHours(8), "can_update_todo",
                    "can_delete_todo");
        }
        if (roleList.contains("admin")) {
            desk.grantOn("todo-app:todos/**", user, null, Duration.ofHours(8), "can_delete_todo");
        }
        if (roleList.contains("evil_genius")) {
            desk.grantOn("todo-app:todos/**", user, null, Duration.ofHours(8), "can_update_todo");
        }
        IssuedToken t = desk.exchange(TokenExchange.builder().subject(user.id())
                .actor(ActorProof.apiKey(desk.apiKey(user))).audience(TODO).scope(String.join(" ", app)).build());
        tokens.put(pid, t.token());
    }

    private static JsonNode vectors() {
        try (InputStream in = AuthZenTodoInteropTest.class
                .getResourceAsStream("/authzen/todo-decisions-authorization-api-1_0-02.json")) {
            return LocalHttp.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> ask(String path, JsonNode request) {
        String token = tokens.get(request.path("subject").path("id").asText());
        assertThat(token).as("a token for the vector's subject").isNotNull();
        return http.post(path, "application/json", request.toString(), "Authorization", "Bearer " + token);
    }

    private static String describe(JsonNode request) {
        String subject = request.path("subject").path("id").asText();
        return subject.substring(0, 10) + "… " + request.path("action").path("name").asText() + " "
                + request.path("resource").path("type").asText() + ":" + request.path("resource").path("id").asText()
                + Optional.ofNullable(request.path("resource").path("properties").get("ownerID"))
                        .map(o -> " of " + o.asText()).orElse("");
    }

    @TestFactory
    @DisplayName("the Todo scenario's 1.0 vectors, verbatim, decide as published")
    Stream<DynamicTest> vectorsDecideAsPublished() {
        JsonNode vectors = vectors();
        assertThat(vectors.path("evaluation")).hasSize(40);
        assertThat(vectors.path("evaluations")).hasSize(3);
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (JsonNode v : vectors.path("evaluation")) {
            JsonNode request = v.path("request");
            boolean expected = v.path("expected").booleanValue();
            tests.add(DynamicTest.dynamicTest("evaluation " + ++n + ": " + describe(request) + " → " + expected, () -> {
                HttpResponse<String> r = ask(AuthZenEndpoint.EVALUATION_PATH, request);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(LocalHttp.json(r).path("decision").booleanValue()).as(r.body()).isEqualTo(expected);
            }));
        }
        n = 0;
        for (JsonNode v : vectors.path("evaluations")) {
            JsonNode request = v.path("request");
            List<Boolean> expected = new ArrayList<>();
            v.path("expected").forEach(d -> expected.add(d.path("decision").booleanValue()));
            tests.add(DynamicTest.dynamicTest("evaluations " + ++n + ": " + describe(request) + " → " + expected, () -> {
                HttpResponse<String> r = ask(AuthZenEndpoint.EVALUATIONS_PATH, request);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                List<Boolean> decided = new ArrayList<>();
                LocalHttp.json(r).path("evaluations").forEach(d -> decided.add(d.path("decision").booleanValue()));
                assertThat(decided).as(r.body()).isEqualTo(expected);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("the denies of the vectors name why: out of the token's scope, or no grant on that todo")
    Stream<DynamicTest> deniesNameTheirReason() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("CiRmZDM2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs can_create_todo", "insufficient_scope");
        expected.put("CiRmZDE2MTRkMy1jMzlhLTQ3ODEtYjdiZC04Yjk2ZjVhNTEwMGQSBWxvY2Fs can_update_todo", "no_matching_grant");
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " → " + e.getValue(), () -> {
            String[] parts = e.getKey().split(" ");
            JsonNode request = LocalHttp.json("{\"subject\":{\"type\":\"user\",\"id\":\"" + parts[0] + "\"},"
                    + "\"action\":{\"name\":\"" + parts[1] + "\"},\"resource\":{\"type\":\"todo\",\"id\":\"t-9\","
                    + "\"properties\":{\"ownerID\":\"rick@the-citadel.com\"}}}");
            JsonNode d = LocalHttp.json(ask(AuthZenEndpoint.EVALUATION_PATH, request));
            assertThat(d.path("decision").booleanValue()).isFalse();
            assertThat(d.path("context").path("reason").asText()).isEqualTo(e.getValue());
        }));
    }
}
