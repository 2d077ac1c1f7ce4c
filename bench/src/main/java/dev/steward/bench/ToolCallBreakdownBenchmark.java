package dev.steward.bench;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolTarget;
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
 * The parts of a guarded tool call, each alone, on {@link ToolWorld}'s world and the call
 * {@link LangChain4jToolBenchmark} makes ({@code read_ticket} of {@code ops/7}, allowed), so that
 * the guard's cost can be split without a profiler:
 * <ul>
 *   <li>{@code policyResolve}: {@code ToolPolicy.resolve}, the JSON arguments into an action and a resource;</li>
 *   <li>{@code authorize}: {@code steward.authorize} of the resolved request with the tool-call id,
 *       its event queued (buffered) and not waited for;</li>
 *   <li>{@code authorizeStored}: the same followed by {@code audit().flush()}, so the decision's event
 *       is sealed and stored on the calling thread before it returns, as a guard stores it before the
 *       tool runs;</li>
 *   <li>{@code guardCall}: core's whole tool call, {@code guard(agent).call(policy, invocation, tool)}
 *       with a tool that returns a constant: resolve, decide, store, run, queue the outcome's event.</li>
 * </ul>
 * What the LangChain4j adapter adds on top is {@code LangChain4jToolBenchmark.guarded} minus its
 * {@code unguarded} minus {@code guardCall}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ToolCallBreakdownBenchmark {
    private static final String RESULT = "ticket ops/7: open";

    private ToolWorld world;
    private ToolInvocation invocation;
    private AccessRequest request;
    private ToolCallGuard guard;

    /** Builds the world and checks that each part allows the call. */
    @Setup(Level.Trial)
    public void setUp() {
        world = ToolWorld.build();
        invocation = new ToolInvocation("read_ticket", ToolWorld.OPS_7, "call-1");
        request = AccessRequest.of(world.bot().id(), "ticket:read", "tickets:ops/7").correlationId("call-1");
        guard = world.steward().guard(world.bot().id());
        if (!(policyResolve() instanceof ToolTarget.Resolved resolved)
                || !resolved.resource().equals(request.resource()) || !resolved.action().equals(request.action())) {
            throw new IllegalStateException("the policy did not resolve the call to " + request);
        }
        if (!authorize().allowed() || !authorizeStored().allowed() || !RESULT.equals(guardCall())) {
            throw new IllegalStateException("the call was not allowed");
        }
        world.settle();
    }

    /** Closes the Steward: stores the buffered events and signs a last checkpoint. */
    @TearDown(Level.Trial)
    public void tearDown() {
        world.close();
    }

    /** @return the call's action and resource */
    @Benchmark
    public ToolTarget policyResolve() {
        return ToolWorld.POLICY.resolve(invocation);
    }

    /** @return the decision, its event queued */
    @Benchmark
    public Decision authorize() {
        return world.steward().authorize(request);
    }

    /** @return the decision, its event stored */
    @Benchmark
    public Decision authorizeStored() {
        Decision decision = world.steward().authorize(request);
        world.steward().audit().flush();
        return decision;
    }

    /** @return the tool's result through core's guard */
    @Benchmark
    public String guardCall() {
        return guard.call(ToolWorld.POLICY, invocation, () -> RESULT);
    }
}
