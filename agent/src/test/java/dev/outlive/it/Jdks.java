package dev.outlive.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JDKs the forked integration tests run on: those listed in {@code outlive.it.jdks}
 * ({@code ;}-separated java homes), else every JDK 17+ under {@code /usr/lib/jvm} and the one running
 * the tests, one per feature release.
 */
final class Jdks {
    private Jdks() {
    }

    record Jdk(int feature, Path home) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "JDK " + feature;
        }
    }

    /** One argument set per JDK and case: {@code (jdk, case)}, JDKs outermost. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> withEach(List<?> cases) {
        List<org.junit.jupiter.params.provider.Arguments> args = new java.util.ArrayList<>();
        for (Jdk jdk : all()) {
            for (Object c : cases) {
                args.add(org.junit.jupiter.params.provider.Arguments.of(jdk, c));
            }
        }
        return args.stream();
    }

    static List<Jdk> all() {
        List<Path> homes = new ArrayList<>();
        String listed = System.getProperty("outlive.it.jdks", "").trim();
        if (!listed.isEmpty()) {
            for (String h : listed.split(";")) {
                if (!h.isBlank()) {
                    homes.add(Path.of(h.trim()));
                }
            }
        } else {
            homes.add(Path.of(System.getProperty("java.home")));
            Path lib = Path.of("/usr/lib/jvm");
            if (Files.isDirectory(lib)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(lib)) {
                    for (Path d : dirs) {
                        homes.add(d);
                    }
                } catch (IOException e) {
                    // only the running JDK then
                }
            }
        }
        Map<Integer, Jdk> byFeature = new TreeMap<>();
        for (Path h : homes) {
            int feature = featureOf(h);
            if (feature >= 17 && Files.isExecutable(h.resolve("bin").resolve("java"))) {
                byFeature.putIfAbsent(feature, new Jdk(feature, h));
            }
        }
        return new ArrayList<>(byFeature.values());
    }

    /** Reads {@code JAVA_VERSION} from the home's {@code release} file; 0 when it cannot tell. */
    static int featureOf(Path home) {
        Path release = home.resolve("release");
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = v.split("[.+-]")[0];
                    return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
