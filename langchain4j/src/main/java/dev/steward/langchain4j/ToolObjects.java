package dev.steward.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.steward.ValidationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tools of objects with {@link Tool @Tool} methods, built from LangChain4j's public parts as
 * {@code AiServices.tools(...)} builds them: specification from {@link ToolSpecifications}, a
 * {@link DefaultToolExecutor} that hands argument and tool failures to the AI service's error
 * handlers, the annotation's return behaviour.
 */
final class ToolObjects {
    private ToolObjects() {
    }

    static List<AiServiceTool> scan(Object... toolObjects) {
        if (toolObjects == null || toolObjects.length == 0) {
            throw new ValidationException("toolObjects", "must name at least one object with @Tool methods");
        }
        List<AiServiceTool> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < toolObjects.length; i++) {
            String field = "toolObjects[" + i + "]";
            Object object = checked(field, toolObjects[i]);
            List<Method> methods = toolMethods(object.getClass());
            if (methods.isEmpty()) {
                throw new ValidationException(field, object.getClass().getName() + " has no @Tool method");
            }
            for (Method method : methods) {
                ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
                if (!names.add(specification.name())) {
                    throw new ValidationException(field, "tool names must be unique; " + specification.name()
                            + " is named twice");
                }
                tools.add(AiServiceTool.builder()
                        .toolSpecification(specification)
                        .toolExecutor(DefaultToolExecutor.builder()
                                .object(object)
                                .originalMethod(method)
                                .methodToInvoke(method)
                                .wrapToolArgumentsExceptions(true)
                                .propagateToolExecutionExceptions(true)
                                .build())
                        .returnBehavior(method.getAnnotation(Tool.class).returnBehavior())
                        .build());
            }
        }
        return List.copyOf(tools);
    }

    private static Object checked(String field, Object object) {
        if (object == null) {
            throw new ValidationException(field, "must not be null");
        }
        if (object instanceof Class<?>) {
            throw new ValidationException(field, "must be an object with @Tool methods, not a class");
        }
        if (object instanceof Iterable<?> || object.getClass().isArray()) {
            throw new ValidationException(field, "must be an object with @Tool methods, not a collection");
        }
        if (object instanceof ToolProvider || object instanceof ToolExecutor) {
            throw new ValidationException(field, "is a ToolProvider or ToolExecutor: pass it to its own wrap method");
        }
        return object;
    }

    /**
     * The concrete methods annotated {@link Tool @Tool} of a class, its superclasses and its
     * interfaces' default methods; an override hides the method it overrides.
     */
    private static List<Method> toolMethods(Class<?> type) {
        List<Method> tools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            collect(c.getDeclaredMethods(), seen, tools);
            interfaces.addAll(Arrays.asList(c.getInterfaces()));
        }
        Deque<Class<?>> pending = new ArrayDeque<>(interfaces);
        Set<Class<?>> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> face = pending.removeFirst();
            if (visited.add(face)) {
                collect(face.getDeclaredMethods(), seen, tools);
                pending.addAll(Arrays.asList(face.getInterfaces()));
            }
        }
        return tools;
    }

    private static void collect(Method[] methods, Set<String> seen, List<Method> tools) {
        for (Method method : methods) {
            if (method.isBridge() || method.isSynthetic() || Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            if (seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))
                    && method.isAnnotationPresent(Tool.class)) {
                tools.add(method);
            }
        }
    }
}
