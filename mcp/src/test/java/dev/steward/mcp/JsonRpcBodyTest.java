package dev.steward.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonRpcBodyTest {
    private static JsonRpcBody parse(String body) {
        return JsonRpcBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the method and the tool's name of a tools/call are read wherever they stand, nested names ignored")
    void readsMethodAndToolName() {
        JsonRpcBody call = parse("{\"params\":{\"arguments\":{\"name\":\"x\",\"deep\":[{\"name\":\"y\"}]},"
                + "\"name\":\"delete_ticket\",\"_meta\":{\"name\":\"z\"}},\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}");
        assertThat(call.method()).contains("tools/call");
        assertThat(call.toolName()).contains("delete_ticket");
        assertThat(call.id()).contains("3");
    }

    @Test
    @DisplayName("a name given twice counts as the last, as the SDK's Jackson reads it")
    void lastDuplicateWins() {
        JsonRpcBody call = parse("{\"method\":\"ping\",\"method\":\"tools/call\",\"id\":1,\"id\":\"b\","
                + "\"params\":{\"name\":\"read_ticket\",\"name\":\"delete_ticket\"}}");
        assertThat(call.method()).contains("tools/call");
        assertThat(call.toolName()).contains("delete_ticket");
        assertThat(call.id()).contains("b");
        assertThat(parse("{\"params\":{\"name\":\"read_ticket\",\"name\":7}}").toolName()).isEmpty();
    }

    @Test
    @DisplayName("nothing is read from a body that does not begin with a well-formed JSON object")
    void nothingFromMalformed() {
        for (String body : new String[] {"", "[{\"method\":\"tools/call\"}]", "{\"method\":\"tools/call\"",
            "{\"method\":\"tools/call\",\"params\":{\"name\":\"x\"]}", "\"tools/call\""}) {
            JsonRpcBody parsed = parse(body);
            assertThat(parsed.method()).as(body).isEmpty();
            assertThat(parsed.toolName()).as(body).isEmpty();
        }
    }

    @Test
    @DisplayName("what follows the first object is not read, as the SDK's Jackson does not read it")
    void trailingContentIsIgnored() {
        for (String body : new String[] {"{\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}} {}",
            "{\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}]"}) {
            assertThat(parse(body).toolName()).as(body).contains("x");
        }
    }
}
