package dev.steward.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.ValidationException;
import dev.steward.grant.ResourcePattern;

/**
 * Fuzzes the mapping of model-written tool calls. A normal build runs the seeds under
 * {@code src/test/resources/dev/steward/authz/ToolPolicyFuzzTestInputs}; set {@code JAZZER_FUZZ=1}
 * and run one method to fuzz it.
 */
class ToolPolicyFuzzTest {
    private static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
            .tool("nested", "ticket:read", "tickets:{t.project}/n-{t.id}")
            .recordArgumentDigest(true)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whatever the arguments, resolving never throws; a resolved call names a clean concrete
     * resource whose placeholders hold exactly the arguments' values, each one whole segment.
     */
    @FuzzTest
    void resolve(FuzzedDataProvider data) throws Exception {
        String tool = data.consumeBoolean() ? "list_pulls" : data.consumeBoolean() ? "nested" : data.consumeString(20);
        String arguments = data.consumeRemainingAsString();
        ToolTarget target = POLICY.resolve(new ToolInvocation(tool, arguments, "fuzz"));
        if (target instanceof ToolTarget.Refused refused) {
            assertThat(refused.reason()).isIn(DecisionReason.INVALID_REQUEST, DecisionReason.TOOL_NOT_MAPPED);
            return;
        }
        ToolTarget.Resolved resolved = (ToolTarget.Resolved) target;
        assertThat(ResourcePattern.segmentsOf(resolved.resource())).doesNotContain(".", "..", "*", "**");
        assertThat(resolved.argumentDigest()).hasValueSatisfying(d -> assertThat(d).hasSize(64));
        JsonNode root = arguments.isBlank() ? JSON.createObjectNode() : JSON.readTree(arguments);
        String expected = tool.equals("list_pulls")
                ? "github:" + root.get("owner").asText() + "/" + root.get("repo").asText() + "/pulls"
                : "tickets:" + root.get("t").get("project").asText() + "/n-" + root.get("t").get("id").asText();
        assertThat(resolved.resource()).isEqualTo(expected);
    }

    /** Any template text either builds or is refused with a ValidationException naming the template. */
    @FuzzTest
    void template(FuzzedDataProvider data) {
        String template = data.consumeRemainingAsString();
        try {
            assertThat(ToolPolicy.builder().tool("t", "a:b", template).build().tools()).containsExactly("t");
        } catch (ValidationException e) {
            assertThat(e.field()).isEqualTo("resourceTemplate");
        }
    }
}
