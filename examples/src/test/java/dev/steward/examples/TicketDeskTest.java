package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.identity.Identity;
import dev.steward.mcp.McpCaller;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket desk's stand-in authentication lets in only the tokens of its table. */
class TicketDeskTest {
    @Test
    void anUnknownTokenIsTurnedAwayWith401() {
        try (World world = World.inMemory()) {
            Identity dana = world.person("dana@acme.example");
            try (TicketDesk desk = new TicketDesk(world.steward(), Map.of("known", McpCaller.of(dana.id())))) {
                assertThatThrownBy(() -> McpTicketDesk.connect(desk.endpoint(), "unknown").close())
                        .hasStackTraceContaining("401");
                assertThat(TicketDesk.TOOLS).allSatisfy(tool -> assertThat(desk.runs(tool)).isZero());
            }
        }
    }
}
