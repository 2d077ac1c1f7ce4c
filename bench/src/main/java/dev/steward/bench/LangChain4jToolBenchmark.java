package dev.steward.bench;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.steward.langchain4j.StewardTools;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One LangChain4j tool execution, {@code executeWithContext(request, context)} of a
 * {@link DefaultToolExecutor} over a tiny {@link Tool @Tool} method, bare ({@code unguarded}) and
 * wrapped by {@link StewardTools#wrap(ToolExecutor)} ({@code guarded}), in the same run: the
 * difference is what the guard adds to a tool call (reading the acting identity from the
 * invocation parameters, mapping the call through the policy, deciding, storing the decision's
 * event before the tool runs, queueing the outcome's event). {@code guardedDenied} calls a mapped
 * tool the agent holds no grant for: decided, stored and refused, the tool not run.
 *
 * <p>The world is {@link ToolWorld}'s; the invocation parameters name its agent. Every call uses
 * the same request and tool-call id. {@link ToolCallBreakdownBenchmark} splits the guard's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LangChain4jToolBenchmark {
    private ToolWorld world;
    private ToolExecutor unguarded;
    private ToolExecutor guarded;
    private ToolExecutor guardedClose;
    private ToolExecutionRequest read;
    private ToolExecutionRequest close;
    private InvocationContext context;

    /** A host's tools: each returns a short string. */
    public static final class TicketTools {
        /**
         * @param project the ticket's project
         * @param id the ticket's number
         * @return a one-line summary of the ticket
         */
        @Tool("Reads one ticket")
        public String read_ticket(@P(name = "project", value = "the ticket's project") String project,
                @P(name = "id", value = "the ticket's number") int id) {
            return "ticket " + project + "/" + id + ": open";
        }

        /**
         * @param project the ticket's project
         * @param id the ticket's number
         * @return what was done
         */
        @Tool("Closes one ticket")
        public String close_ticket(@P(name = "project", value = "the ticket's project") String project,
                @P(name = "id", value = "the ticket's number") int id) {
            return "closed " + project + "/" + id;
        }
    }

    /**
     * Builds the world and the executors, and checks every benchmark's outcome.
     *
     * @throws NoSuchMethodException never: the tool methods are declared above
     */
    @Setup(Level.Trial)
    public void setUp() throws NoSuchMethodException {
        world = ToolWorld.build();
        TicketTools tools = new TicketTools();
        Method readMethod = TicketTools.class.getMethod("read_ticket", String.class, int.class);
        Method closeMethod = TicketTools.class.getMethod("close_ticket", String.class, int.class);
        unguarded = new DefaultToolExecutor(tools, readMethod);
        StewardTools guard = StewardTools.guard(world.steward(), ToolWorld.POLICY);
        guarded = guard.wrap(unguarded);
        guardedClose = guard.wrap(new DefaultToolExecutor(tools, closeMethod));
        read = ToolExecutionRequest.builder().id("call-1").name("read_ticket").arguments(ToolWorld.OPS_7).build();
        close = ToolExecutionRequest.builder().id("call-2").name("close_ticket").arguments(ToolWorld.OPS_7).build();
        context = InvocationContext.builder().chatMemoryId("bench")
                .invocationParameters(StewardTools.invocationParameters(world.bot().id())).build();
        check();
        world.settle();
    }

    private void check() {
        ToolExecutionResult bare = unguarded();
        ToolExecutionResult allowed = guarded();
        if (bare.isError() || allowed.isError() || !allowed.resultText().equals(bare.resultText())) {
            throw new IllegalStateException("the guarded call did not return the tool's result: "
                    + allowed.resultText() + " (bare: " + bare.resultText() + ")");
        }
        ToolExecutionResult refused = guardedDenied();
        if (!refused.isError() || !refused.resultText().startsWith(ToolWorld.NOT_GRANTED)) {
            throw new IllegalStateException("the ungranted call was not denied: " + refused.resultText());
        }
    }

    /** Closes the Steward: stores the buffered events and signs a last checkpoint. */
    @TearDown(Level.Trial)
    public void tearDown() {
        world.close();
    }

    /** @return the tool's result, run by LangChain4j's executor alone */
    @Benchmark
    public ToolExecutionResult unguarded() {
        return unguarded.executeWithContext(read, context);
    }

    /** @return the tool's result, run through Steward's guard for the agent in the invocation parameters */
    @Benchmark
    public ToolExecutionResult guarded() {
        return guarded.executeWithContext(read, context);
    }

    /** @return Steward's refusal of a mapped tool the agent holds no grant for; the tool did not run */
    @Benchmark
    public ToolExecutionResult guardedDenied() {
        return guardedClose.executeWithContext(close, context);
    }
}
