package dev.steward.authz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.grant.ResourcePattern;
import dev.steward.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Says, once per tool, which action and which resource a call of that tool means, so that an agent
 * framework's tool calls become access requests without hand-written guards.
 *
 * <pre>{@code
 * ToolPolicy policy = ToolPolicy.builder()
 *     .tool("list_pulls", "repo:read", "github:{owner}/{repo}/pulls")
 *     .tool("status", "status:read", "ops:status")
 *     .build();
 * // {"owner":"acme","repo":"api"} -> repo:read on github:acme/api/pulls
 * }</pre>
 *
 * <h2>Templates</h2>
 * A resource template is a resource (see {@link ResourcePattern}) in which {@code {name}} stands
 * for the value of the call's argument {@code name}, or {@code {a.b}} for the member {@code b} of
 * the object argument {@code a}. The arguments are parsed as JSON (never sliced as text), and a
 * value fills its placeholder only if it is a string or an integer that makes one clean resource
 * segment: not empty, no {@code /}, not {@code .} or {@code ..}, no wildcard, no {@code %}, and
 * none of the code points a resource refuses. So {@code {"repo":"../secrets"}} or
 * {@code {"repo":"*"}} cannot widen a call; such a call, a missing argument, duplicated keys or
 * arguments that are not a JSON object are denied with {@link DecisionReason#INVALID_REQUEST}.
 *
 * <h2>Unmapped tools</h2>
 * A tool the policy does not name is denied with {@link DecisionReason#TOOL_NOT_MAPPED}. While
 * a policy is rolled out, {@link Builder#unmapped(EnforcementMode) unmapped(LOG_ONLY)} lets such
 * calls run and records each as "would deny", so that the trail shows what is left to map.
 *
 * <h2>Arguments in the audit trail</h2>
 * Arguments may hold personal data, so they are not recorded. A host may opt in to
 * {@link Builder#recordArgumentDigest(boolean) a digest}: the SHA-256 of the arguments in a
 * canonical form (keys sorted, no white space), which proves what a call was given to whoever
 * holds the arguments, and reveals nothing to whoever holds only the trail.
 *
 * <p>Immutable and thread-safe.
 */
@CheckReturnValue
public final class ToolPolicy {
    /** Longest arguments text a call may carry, in characters. */
    public static final int MAX_ARGUMENTS_LENGTH = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private final Map<String, Compiled> tools;
    private final EnforcementMode unmapped;
    private final boolean argumentDigest;

    private ToolPolicy(Builder b) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(b.tools));
        this.unmapped = b.unmapped;
        this.argumentDigest = b.argumentDigest;
    }

    /** {@return a builder of an empty policy, which maps no tool and denies unmapped ones} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the names of the tools this policy maps, in the order they were declared} */
    public Set<String> tools() {
        return tools.keySet();
    }

    /**
     * @param tool a tool's name
     * @return what calls of that tool mean, or empty if the policy does not map it
     */
    public Optional<ToolMapping> mapping(String tool) {
        Compiled c = tools.get(tool);
        return c == null ? Optional.empty() : Optional.of(c.mapping);
    }

    /** {@return how calls of unmapped tools are treated: ENFORCE (denied) or LOG_ONLY (run, recorded)} */
    public EnforcementMode unmapped() {
        return unmapped;
    }

    /** {@return whether the audit trail records a digest of each call's arguments} */
    public boolean recordsArgumentDigest() {
        return argumentDigest;
    }

    /**
     * Maps a call to the action and resource it asks for. Pure: records nothing, never throws for
     * what the call holds.
     *
     * @param invocation the call
     * @return the request it means, or why it cannot be mapped
     */
    public ToolTarget resolve(ToolInvocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        String tool = invocation.tool();
        Compiled c = tools.get(tool);
        if (c == null) {
            return new ToolTarget.Refused(tool, DecisionReason.TOOL_NOT_MAPPED,
                    "the tool policy does not map this tool");
        }
        String arguments = invocation.arguments();
        if (arguments.length() > MAX_ARGUMENTS_LENGTH) {
            return invalid(tool, "the arguments are longer than " + MAX_ARGUMENTS_LENGTH + " characters");
        }
        JsonNode root;
        if (arguments.isBlank()) {
            root = JSON.createObjectNode();
        } else {
            try {
                root = JSON.readTree(arguments);
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the input: it is not repeated.
                return invalid(tool, "the arguments are not valid JSON or repeat a key");
            }
            if (root == null || !root.isObject()) {
                return invalid(tool, "the arguments are not a JSON object");
            }
        }
        StringBuilder resource = new StringBuilder(c.mapping.resourceTemplate().length() + 32);
        for (Part part : c.parts) {
            if (part.path.isEmpty()) {
                resource.append(part.literal);
                continue;
            }
            String name = part.literal;
            JsonNode value = root;
            for (String step : part.path) {
                value = value.isObject() ? value.get(step) : null;
                if (value == null) {
                    break;
                }
            }
            if (value == null || value.isNull()) {
                return invalid(tool, "argument " + name + " is missing");
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                return invalid(tool, "argument " + name + " must be a string or an integer");
            }
            String text = value.asText();
            Optional<String> fault = segmentFault(text);
            if (fault.isPresent()) {
                return invalid(tool, "argument " + name + " " + fault.get());
            }
            resource.append(text);
        }
        String concrete = resource.toString();
        try {
            ResourcePattern.segmentsOf(concrete);
        } catch (ValidationException e) {
            return invalid(tool, "the resource the arguments make is malformed: " + e.rule());
        }
        return new ToolTarget.Resolved(tool, c.mapping.action(), concrete,
                argumentDigest ? Optional.of(digest(root)) : Optional.empty());
    }

    private static ToolTarget invalid(String tool, String problem) {
        return new ToolTarget.Refused(tool, DecisionReason.INVALID_REQUEST, problem);
    }

    /** {@return why the value cannot be one resource segment, or empty if it can} */
    private static Optional<String> segmentFault(String text) {
        if (text.isEmpty()) {
            return Optional.of("is empty");
        }
        if (text.indexOf('/') >= 0) {
            return Optional.of("must be one resource segment: it holds /");
        }
        try {
            ResourcePattern.segmentsOf(text);
            return Optional.empty();
        } catch (ValidationException e) {
            return Optional.of("is not a clean resource segment: " + e.rule());
        }
    }

    private static String digest(JsonNode root) {
        try {
            byte[] canonical = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 of a parsed JSON tree failed", e);
        }
    }

    @Override
    public String toString() {
        return "ToolPolicy" + tools.keySet() + " unmapped=" + unmapped;
    }

    /** One piece of a template: a literal (empty path), or a placeholder named {@code literal}. */
    private record Part(String literal, List<String> path) {
    }

    /** A mapping with its template split into literals and placeholders. */
    private record Compiled(ToolMapping mapping, List<Part> parts) {
    }

    /** Builds a {@link ToolPolicy}. Not thread-safe; the policy it builds is. */
    public static final class Builder {
        private final Map<String, Compiled> tools = new LinkedHashMap<>();
        private EnforcementMode unmapped = EnforcementMode.ENFORCE;
        private boolean argumentDigest;

        private Builder() {
        }

        /**
         * Maps a tool.
         *
         * @param name the tool's name, as the framework names it: an id (1 to 128 letters, digits
         *     and {@code . _ : @ + -}, starting with a letter or digit)
         * @param action the action each call asks for, in the format of a grant's action
         * @param resourceTemplate the resource each call touches, with {@code {argument}}
         *     placeholders (see the class description)
         * @return this builder
         * @throws ValidationException naming the field and rule if a format is broken, a
         *     placeholder is malformed, or the tool is mapped already
         */
        public Builder tool(String name, String action, String resourceTemplate) {
            Checks.id("tool", name);
            Checks.action("action", action);
            if (tools.containsKey(name)) {
                throw new ValidationException("tool", "is mapped twice: " + name);
            }
            List<Part> parts = parse(resourceTemplate);
            tools.put(name, new Compiled(new ToolMapping(name, action, resourceTemplate), parts));
            return this;
        }

        /**
         * @param mode {@link EnforcementMode#ENFORCE} (the default) denies calls of tools the
         *     policy does not map; {@link EnforcementMode#LOG_ONLY} runs them and records each as
         *     "would deny", for a roll-out
         * @return this builder
         */
        public Builder unmapped(EnforcementMode mode) {
            this.unmapped = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param record whether each call's decision records the SHA-256 of its canonical
         *     arguments (off by default: arguments are never recorded themselves)
         * @return this builder
         */
        public Builder recordArgumentDigest(boolean record) {
            this.argumentDigest = record;
            return this;
        }

        /** {@return the policy} */
        @CheckReturnValue
        public ToolPolicy build() {
            return new ToolPolicy(this);
        }

        private static List<Part> parse(String template) {
            if (template == null) {
                throw new ValidationException("resourceTemplate", "is required");
            }
            List<Part> parts = new ArrayList<>();
            StringBuilder probe = new StringBuilder(template.length());
            int i = 0;
            while (i < template.length()) {
                int open = template.indexOf('{', i);
                int close = template.indexOf('}', i);
                if (close >= 0 && (open < 0 || close < open)) {
                    throw new ValidationException("resourceTemplate", "has a } without its { (position " + close + ")");
                }
                if (open < 0) {
                    parts.add(new Part(template.substring(i), List.of()));
                    probe.append(template, i, template.length());
                    break;
                }
                if (open > i) {
                    parts.add(new Part(template.substring(i, open), List.of()));
                    probe.append(template, i, open);
                }
                if (close < 0) {
                    throw new ValidationException("resourceTemplate", "has a { without its } (position " + open + ")");
                }
                String name = template.substring(open + 1, close);
                parts.add(new Part(name, placeholder(name, open)));
                probe.append('x');
                i = close + 1;
            }
            try {
                ResourcePattern.segmentsOf(probe.toString());
            } catch (ValidationException e) {
                throw new ValidationException("resourceTemplate",
                        "is not a resource once its placeholders are filled: " + e.rule());
            }
            return List.copyOf(parts);
        }

        private static List<String> placeholder(String name, int position) {
            List<String> path = List.of(name.split("\\.", -1));
            for (String step : path) {
                if (!isArgumentName(step)) {
                    throw new ValidationException("resourceTemplate", "has a placeholder that is not an argument "
                            + "name or a dotted path of them (letters, digits, _ and -, not starting with a digit "
                            + "or -) (position " + position + ")");
                }
            }
            return path;
        }

        private static boolean isArgumentName(String step) {
            if (step.isEmpty() || step.length() > 128) {
                return false;
            }
            for (int i = 0; i < step.length(); i++) {
                char c = step.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
                boolean later = (c >= '0' && c <= '9') || c == '-';
                if (!letter && (i == 0 || !later)) {
                    return false;
                }
            }
            return true;
        }
    }
}
