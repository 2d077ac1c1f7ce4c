package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of core's sources: which API and SPI classes lean on which internal ones, and that no
 * classes depend on each other in a circle. Reads the main sources as text: a class depends on the
 * classes it imports and on the classes of its own package it names. A new API → internal edge or
 * a new cycle fails here, so it is a decision someone makes and not an accident.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?(dev\\.steward\\.[\\w.]+);");
    private static final Pattern COMMENT_OR_TEXT = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("\\b[A-Z]\\w*\\b");

    /**
     * Each API or SPI class that uses internal code (beyond the argument checks), with the internal
     * classes it uses: the facade resolves the settings and starts the runtime, and value types delegate their arithmetic
     * (hashing, signing, key ids, key text and masking, code point rules, JSON Lines) to one
     * internal home.
     */
    private static final Map<String, Set<String>> ALLOWED_API_TO_INTERNAL = Map.ofEntries(
            Map.entry("dev.steward.Steward", Set.of(
                    "dev.steward.internal.Kernel", "dev.steward.internal.Log", "dev.steward.internal.Settings",
                    "dev.steward.internal.StewardRuntime", "dev.steward.internal.credential.CredentialSettings",
                    "dev.steward.internal.credential.KeyHasher")),
            Map.entry("dev.steward.StewardException", Set.of("dev.steward.internal.credential.KeyText")),
            Map.entry("dev.steward.audit.AuditChain", Set.of(
                    "dev.steward.internal.audit.AuditCodec", "dev.steward.internal.audit.Checkpoints")),
            Map.entry("dev.steward.audit.AuditExport", Set.of(
                    "dev.steward.internal.audit.AuditJson", "dev.steward.internal.audit.LogVerifier",
                    "dev.steward.internal.audit.MalformedRecordException")),
            Map.entry("dev.steward.audit.AuditKeys", Set.of("dev.steward.internal.audit.Ed25519AuditSigner")),
            Map.entry("dev.steward.audit.AuditSigners", Set.of("dev.steward.internal.audit.Ed25519AuditSigner")),
            Map.entry("dev.steward.audit.AuditVerifier", Set.of("dev.steward.internal.audit.LogVerifier")),
            Map.entry("dev.steward.authz.AccessDeniedException", Set.of("dev.steward.internal.CodePoints")),
            Map.entry("dev.steward.credential.CredentialId", Set.of("dev.steward.internal.credential.Base62")),
            Map.entry("dev.steward.credential.KeyFormat", Set.of(
                    "dev.steward.internal.credential.Base62", "dev.steward.internal.credential.KeyText")),
            Map.entry("dev.steward.credential.SecretScanner", Set.of("dev.steward.internal.credential.KeyText")),
            Map.entry("dev.steward.grant.ResourcePattern", Set.of("dev.steward.internal.CodePoints")),
            // Each entity type carries core's codec for its stored form; backends only call codec().
            Map.entry("dev.steward.spi.EntityType", Set.of("dev.steward.internal.store.Codecs")));

    /** The one internal class every API class may use: the shared argument checks. */
    private static final String CHECKS = "dev.steward.internal.Checks";

    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void readSources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String name = file.getFileName().toString().replace(".java", "");
                if (name.equals("package-info") || name.equals("module-info")) {
                    continue;
                }
                String text = Files.readString(file);
                Matcher p = PACKAGE.matcher(text);
                assertThat(p.find()).as("package of " + file).isTrue();
                sources.put(p.group(1) + "." + name, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dependencies = new TreeMap<>();
        sources.forEach((type, text) -> {
            Set<String> uses = new TreeSet<>();
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                String imported = topLevel(imports.group(1), sources.keySet());
                if (imported != null) {
                    uses.add(imported);
                }
            }
            String ownPackage = type.substring(0, type.lastIndexOf('.'));
            Matcher words = WORD.matcher(COMMENT_OR_TEXT.matcher(text).replaceAll(" "));
            while (words.find()) {
                String sibling = ownPackage + "." + words.group();
                if (sources.containsKey(sibling)) {
                    uses.add(sibling);
                }
            }
            uses.remove(type);
            dependencies.put(type, uses);
        });
    }

    /** The top-level class an import names (a nested class, a static member), if it is core's. */
    private static String topLevel(String imported, Set<String> types) {
        for (String candidate = imported; candidate.contains("."); candidate = candidate.substring(0,
                candidate.lastIndexOf('.'))) {
            if (types.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    @DisplayName("the sources were read: the facade and the internal runtime are among them")
    void fixtureReadTheSources() {
        assertThat(dependencies).containsKeys("dev.steward.Steward", "dev.steward.internal.Kernel");
        assertThat(dependencies.get("dev.steward.Steward")).contains("dev.steward.internal.Kernel");
    }

    @Test
    @DisplayName("API and SPI classes use exactly the internal classes listed here")
    void apiToInternalEdgesAreListed() {
        Map<String, Set<String>> actual = new TreeMap<>();
        dependencies.forEach((type, uses) -> {
            if (!isInternal(type)) {
                Set<String> internal = new TreeSet<>();
                uses.stream().filter(u -> isInternal(u) && !u.equals(CHECKS)).forEach(internal::add);
                if (!internal.isEmpty()) {
                    actual.put(type, internal);
                }
            }
        });
        Map<String, Set<String>> allowed = new TreeMap<>();
        ALLOWED_API_TO_INTERNAL.forEach((k, v) -> allowed.put(k, new TreeSet<>(v)));
        assertThat(actual).isEqualTo(allowed);
    }

    @Test
    @DisplayName("the SPI uses no internal class but those listed here, not even the argument checks")
    void spiIsSelfContained() {
        dependencies.forEach((type, uses) -> {
            if (type.startsWith("dev.steward.spi.")) {
                Set<String> listed = ALLOWED_API_TO_INTERNAL.getOrDefault(type, Set.of());
                assertThat(uses).as(type).allMatch(u -> !isInternal(u) || listed.contains(u));
            }
        });
    }

    @Test
    @DisplayName("no classes depend on each other in a circle that crosses a package")
    void noCycleCrossesAPackage() {
        List<List<String>> crossing = new ArrayList<>();
        for (List<String> component : stronglyConnected()) {
            if (component.stream().map(ArchitectureTest::packageOf).distinct().count() > 1) {
                crossing.add(component);
            }
        }
        assertThat(crossing).isEmpty();
    }

    private static boolean isInternal(String type) {
        return type.startsWith("dev.steward.internal.");
    }

    private static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    /** Tarjan's algorithm, iteration by iteration on an explicit stack: components of two or more classes. */
    private static List<List<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String start : dependencies.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Map.Entry<String, List<String>>> work = new ArrayDeque<>();
            visit(start, index, low, stack, onStack, counter, work);
            while (!work.isEmpty()) {
                Map.Entry<String, List<String>> frame = work.peek();
                String node = frame.getKey();
                if (!frame.getValue().isEmpty()) {
                    String next = frame.getValue().remove(0);
                    if (!index.containsKey(next)) {
                        visit(next, index, low, stack, onStack, counter, work);
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        component.sort(null);
                        components.add(component);
                    }
                }
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, int[] counter, Deque<Map.Entry<String, List<String>>> work) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        work.push(Map.entry(node, new ArrayList<>(dependencies.getOrDefault(node, Set.of()))));
    }
}
