package dev.steward.langchain4j;

import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.List;
import java.util.function.UnaryOperator;

/** A provider's tools with their executors guarded; dynamic if the provider is. */
final class GuardedToolProvider implements ToolProvider {
    private final ToolProvider delegate;
    private final UnaryOperator<ToolExecutor> guard;

    GuardedToolProvider(ToolProvider delegate, UnaryOperator<ToolExecutor> guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    static List<AiServiceTool> guarded(List<AiServiceTool> tools, UnaryOperator<ToolExecutor> guard) {
        return tools.stream()
                .map(tool -> tool.toBuilder().toolExecutor(guard.apply(tool.toolExecutor())).build())
                .toList();
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult provided = delegate.provideTools(request);
        return provided == null ? null : new ToolProviderResult(guarded(provided.aiServiceTools(), guard));
    }

    @Override
    public boolean isDynamic() {
        return delegate.isDynamic();
    }

    @Override
    public String toString() {
        return "GuardedToolProvider[" + delegate + "]";
    }
}
