package dev.steward.authz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.steward.ValidationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolPolicyTest {
    private final ToolPolicy policy = ToolPolicy.builder()
            .tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
            .tool("read_ticket", "ticket:read", "tickets:{ticket.project}/{ticket.id}")
            .tool("status", "status:read", "ops:status")
            .build();

    private ToolTarget resolve(String tool, String arguments) {
        return policy.resolve(new ToolInvocation(tool, arguments, "call-1"));
    }

    private String problem(String tool, String arguments) {
        ToolTarget t = resolve(tool, arguments);
        assertThat(t).isInstanceOf(ToolTarget.Refused.class);
        assertThat(((ToolTarget.Refused) t).reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        return ((ToolTarget.Refused) t).problem();
    }

    @Test
    @DisplayName("a template's placeholders take the JSON arguments' values, strings or integers, nested by dotted path")
    void fillsPlaceholders() {
        assertThat(resolve("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\",\"state\":\"open\"}"))
                .isEqualTo(new ToolTarget.Resolved("list_pulls", "repo:read", "github:acme/api/pulls", Optional.empty()));
        assertThat(resolve("read_ticket", "{\"ticket\":{\"project\":\"ops\",\"id\":42}}"))
                .isEqualTo(new ToolTarget.Resolved("read_ticket", "ticket:read", "tickets:ops/42", Optional.empty()));
        assertThat(resolve("status", "")).isEqualTo(new ToolTarget.Resolved("status", "status:read", "ops:status",
                Optional.empty()));
        assertThat(resolve("status", "  {} ")).isInstanceOf(ToolTarget.Resolved.class);
    }

    @Test
    @DisplayName("a tool the policy does not name is refused as TOOL_NOT_MAPPED")
    void unmapped() {
        assertThat(resolve("delete_repo", "{}")).isEqualTo(new ToolTarget.Refused("delete_repo",
                DecisionReason.TOOL_NOT_MAPPED, "the tool policy does not map this tool"));
        assertThat(policy.unmapped()).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(policy.tools()).containsExactly("list_pulls", "read_ticket", "status");
        assertThat(policy.mapping("status")).contains(new ToolMapping("status", "status:read", "ops:status"));
        assertThat(policy.mapping("nope")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "*", "**", "a/b", "%2e%2e", "a\u202Eb", "caf\u0065\u0301", "a b", "a\u0000"})
    @DisplayName("a value that is not one clean resource segment cannot widen the call: INVALID_REQUEST, its value never quoted")
    void hostileValues(String value) {
        String arguments = "{\"owner\":\"acme\",\"repo\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"}";
        String problem = problem("list_pulls", arguments);
        assertThat(problem).startsWith("argument repo ");
        if (value.length() > 2) {
            assertThat(problem).doesNotContain(value);
        }
    }

    @Test
    @DisplayName("missing, null, empty, non-scalar arguments, malformed JSON, non-objects and repeated keys are refused")
    void malformedArguments() {
        assertThat(problem("list_pulls", "{\"owner\":\"acme\"}")).isEqualTo("argument repo is missing");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":null}")).isEqualTo("argument repo is missing");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":\"\"}")).isEqualTo("argument repo is empty");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":[\"api\"]}"))
                .isEqualTo("argument repo must be a string or an integer");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":1.5}"))
                .isEqualTo("argument repo must be a string or an integer");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":true}"))
                .isEqualTo("argument repo must be a string or an integer");
        assertThat(problem("read_ticket", "{\"ticket\":\"ops\"}")).isEqualTo("argument ticket.project is missing");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":\"secret-token-123\"")).isEqualTo(
                "the arguments are not valid JSON or repeat a key").doesNotContain("secret-token-123");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"} {}"))
                .isEqualTo("the arguments are not valid JSON or repeat a key");
        assertThat(problem("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\",\"repo\":\"../x\"}"))
                .isEqualTo("the arguments are not valid JSON or repeat a key");
        assertThat(problem("list_pulls", "[1,2]")).isEqualTo("the arguments are not a JSON object");
        assertThat(problem("list_pulls", "\"acme\"")).isEqualTo("the arguments are not a JSON object");
        assertThat(problem("list_pulls", "{\"owner\":\"" + "a".repeat(ToolPolicy.MAX_ARGUMENTS_LENGTH) + "\"}"))
                .startsWith("the arguments are longer than");
        assertThat(problem("list_pulls", "{\"owner\":\"" + "a".repeat(400) + "\",\"repo\":\"" + "b".repeat(400) + "\"}"))
                .startsWith("the resource the arguments make is malformed: ");
    }

    @Test
    @DisplayName("the argument digest is the SHA-256 of the canonical arguments: keys sorted, white space gone")
    void digest() {
        ToolPolicy digesting = ToolPolicy.builder().tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
                .recordArgumentDigest(true).build();
        ToolTarget a = digesting.resolve(new ToolInvocation("list_pulls", "{\"repo\":\"api\", \"owner\":\"acme\"}", "c"));
        ToolTarget b = digesting.resolve(new ToolInvocation("list_pulls", "{\"owner\":\"acme\",\"repo\":\"api\"}", "c"));
        ToolTarget c = digesting.resolve(new ToolInvocation("list_pulls", "{\"owner\":\"acme\",\"repo\":\"apj\"}", "c"));
        String digestA = ((ToolTarget.Resolved) a).argumentDigest().orElseThrow();
        assertThat(digestA).hasSize(64).isEqualTo(((ToolTarget.Resolved) b).argumentDigest().orElseThrow())
                .isEqualTo(sha256("{\"owner\":\"acme\",\"repo\":\"api\"}"))
                .isNotEqualTo(((ToolTarget.Resolved) c).argumentDigest().orElseThrow());
        assertThat(digesting.recordsArgumentDigest()).isTrue();
        assertThat(policy.recordsArgumentDigest()).isFalse();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("a malformed mapping is refused when the policy is built, naming the field, rule and position")
    void badMappings() {
        assertThatThrownBy(() -> ToolPolicy.builder().tool("a b", "x:y", "r"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tool"));
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x y", "r"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:{owner"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule())
                        .isEqualTo("has a { without its } (position 7)"));
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:owner}"))
                .hasMessageContaining("has a } without its { (position 12)");
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:{1st}"))
                .hasMessageContaining("has a placeholder that is not an argument name");
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:{a..b}"))
                .hasMessageContaining("has a placeholder that is not an argument name");
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:{a}/../x"))
                .hasMessageContaining("is not a resource once its placeholders are filled");
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "github:*/x"))
                .hasMessageContaining("is not a resource once its placeholders are filled");
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("resourceTemplate"));
        assertThatThrownBy(() -> ToolPolicy.builder().tool("t", "x:y", "a").tool("t", "x:z", "b"))
                .hasMessageContaining("is mapped twice: t");
    }
}
