package dev.outlive.sample;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One leak or warning from Outlive's JSON report ({@code outlive.report/v1}), reduced to what the
 * tour needs to tell which case it belongs to.
 *
 * @param kind        the leak or warning kind
 * @param warning     true if it came from {@code warnings}
 * @param scopePath   the path of the scope whose cancellation it is about
 * @param taskName    the task's description and thread name, for the sentinel
 * @param frames      spawn stacks (own and ancestry) and the current stack, innermost first
 * @param spawnFrames the spawn stacks alone (own and ancestry)
 */
public record Finding(String kind, boolean warning, List<String> scopePath, String taskName, List<String> frames,
                      List<String> spawnFrames) {

    /** Reads every leak and warning of a parsed report. */
    public static List<Finding> allOf(JsonNode report) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode n : report.path("leaks")) {
            out.add(of(n, false));
        }
        for (JsonNode n : report.path("warnings")) {
            out.add(of(n, true));
        }
        return out;
    }

    static Finding of(JsonNode n, boolean warning) {
        List<String> path = texts(n.path("scope").path("path"));
        List<String> spawn = new ArrayList<>(texts(n.path("spawnStack")));
        for (JsonNode a : n.path("ancestry")) {
            spawn.addAll(texts(a.path("spawnStack")));
        }
        List<String> frames = new ArrayList<>(spawn);
        frames.addAll(texts(n.path("currentStack")));
        JsonNode task = n.path("task");
        String name = task.path("description").asText("") + " " + task.path("thread").path("name").asText("");
        return new Finding(n.path("kind").asText(), warning, path, name, frames, spawn);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array) {
            out.add(e.asText());
        }
        return out;
    }

    /**
     * True if this finding belongs to {@code variant} of {@code c}: its scope lies under the case's
     * request scope ({@code leaky:<name>} or {@code fixed:<name>}), or, for work whose scope is not
     * (a fresh root, say), a frame of the case's class in a method of that variant.
     */
    public boolean belongsTo(Case c, String variant) {
        if (scopePath.contains(Tour.scopeName(c, variant))) {
            return true;
        }
        String prefix = c.getClass().getName() + ".";
        String word = variant.equals("leaky") ? "eaky" : "ixed";
        for (String f : frames) {
            if (f.startsWith(prefix) && f.substring(prefix.length()).contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** True if a spawn stack names a frame of the sample app. */
    public boolean spawnedInSample() {
        for (String f : spawnFrames) {
            if (f.startsWith("dev.outlive.sample.")) {
                return true;
            }
        }
        return false;
    }
}
