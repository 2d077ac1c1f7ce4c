package dev.steward.mcp;

import static dev.steward.mcp.TicketServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many calls at once through one guarded server: one decision per call, never two, never none. */
class McpConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 25;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("200 concurrent calls from 8 client threads each get exactly one decision and one outcome")
    void oneDecisionPerCall() throws Exception {
        try (Governance g = new Governance();
                TicketServer server = new TicketServer(g, Map.of("bot-token", McpCaller.of(g.bot.id())),
                        TicketServer.Kind.SYNC)) {
            List<McpSyncClient> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                clients.add(server.client("bot-token"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CallToolResult>>> work = new ArrayList<>();
            for (McpSyncClient client : clients) {
                work.add(pool.submit(() -> {
                    start.await();
                    List<CallToolResult> results = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        // every fifth call asks for a project the bot may not read
                        results.add(client.callTool(call("read_ticket", i % 5 == 0 ? "payroll" : "ops", i)));
                    }
                    return results;
                }));
            }
            start.countDown();
            List<CallToolResult> results = new ArrayList<>();
            for (Future<List<CallToolResult>> f : work) {
                results.addAll(f.get(100, TimeUnit.SECONDS));
            }
            pool.shutdown();

            List<String> ids = results.stream().map(McpServerGuardTest::correlationId).toList();
            assertThat(ids).hasSize(THREADS * CALLS_PER_THREAD).doesNotHaveDuplicates();
            Map<String, Long> decisions = countPerCall(g, AuditAction.ACCESS_DECIDED);
            assertThat(decisions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(decisions.values()).containsOnly(1L);
            long denied = results.stream().filter(r -> Boolean.TRUE.equals(r.isError())).count();
            assertThat(denied).isEqualTo(THREADS * CALLS_PER_THREAD / 5);
            assertThat(server.runs("read_ticket")).isEqualTo(THREADS * CALLS_PER_THREAD - (int) denied);
            Map<String, Long> outcomes = countPerCall(g, AuditAction.TOOL_CALL_COMPLETED);
            assertThat(outcomes).hasSize(server.runs("read_ticket"));
            assertThat(outcomes.values()).containsOnly(1L);
            results.stream().filter(r -> !Boolean.TRUE.equals(r.isError())).map(McpServerGuardTest::correlationId)
                    .forEach(id -> assertThat(outcomes).containsKey(id));
        }
    }

    private static Map<String, Long> countPerCall(Governance g, AuditAction action) {
        return g.events().stream().filter(e -> e.action() == action)
                .map(AuditEvent::correlationId).map(c -> c.orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
