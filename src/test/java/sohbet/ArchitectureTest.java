package sohbet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/decisions.md ("Packages by feature around a core"), read from the
 * sources: every reference to another sohbet package, imported or written out in full, counts.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(sohbet(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static final Pattern TABLES = Pattern.compile("\\b(MessageStore|ThreadStore)\\b");

    private static final Map<String, Set<String>> GRAPH = dependencies();

    @Test
    void theCoreDependsOnNoOtherPackageOfSohbet() {
        assertEquals(Set.of(), GRAPH.getOrDefault("sohbet.core", Set.of()));
    }

    @Test
    void theStoreImplementsTheCoreAndNeedsNothingElse() {
        assertEquals(Set.of("sohbet.core"), GRAPH.get("sohbet.store"));
    }

    @Test
    void theMessagesAndThreadsTablesAreReachedOnlyThroughTheChatService() throws IOException {
        List<String> doors = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
                boolean allowed = pkg.equals("sohbet.store") || pkg.equals("sohbet.app") || pkg.equals("sohbet.core");
                String code = COMMENT.matcher(read(f)).replaceAll("");
                if (!allowed && TABLES.matcher(code).find()) {
                    doors.add(SOURCES.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), doors, "features that use MessageStore or ThreadStore instead of ChatService");
    }

    @Test
    void onlyTheCompositionRootKnowsTheApplication() {
        GRAPH.forEach((pkg, uses) -> assertTrue(pkg.equals("sohbet.app") || !uses.contains("sohbet.app"), pkg + " uses sohbet.app"));
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<String> cycles = new ArrayList<>();
        for (String start : GRAPH.keySet()) {
            path(start, start, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    private static void path(String start, String at, List<String> trail, Set<String> seen, List<String> cycles) {
        for (String next : GRAPH.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", trail) + " -> " + start);
            } else if (seen.add(next)) {
                trail.add(next);
                path(start, next, trail, seen, cycles);
                trail.removeLast();
            }
        }
    }

    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
                Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(COMMENT.matcher(read(f)).replaceAll(""));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(graph.containsKey("sohbet.core") && graph.containsKey("sohbet.app"), "sources not found from " + SOURCES.toAbsolutePath());
        return graph;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
