package dev.outlive.core.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cleans decoded stacks (drops Outlive's own frames) and interns them, so a thousand tasks spawned
 * from one line hold one array of frames between them.
 */
public final class StackFrames {
    /** Packages and classes of Outlive's machinery; the sample app and user code are never in them. */
    private static final String[] OWN_PREFIXES = {
        "dev.outlive.core.", "dev.outlive.agent.", "dev.outlive.bridge.", "dev.outlive.shaded.",
        "dev.outlive.junit.internal.", "dev.outlive.Scope",
    };
    private static final int MAX_INTERNED = 8192;
    private static final ConcurrentHashMap<List<StackTraceElement>, StackTraceElement[]> INTERNED =
            new ConcurrentHashMap<>();

    private StackFrames() {
    }

    /** True for a frame of Outlive's own code. */
    public static boolean isOwnFrame(String className) {
        for (String prefix : OWN_PREFIXES) {
            if (className.startsWith(prefix)) {
                // "dev.outlive.Scope" must not swallow a user class such as dev.outlive.ScopeDemo
                return !prefix.equals("dev.outlive.Scope")
                        || className.equals(prefix) || className.startsWith(prefix + "$");
            }
        }
        return false;
    }

    /** Drops Outlive's frames and returns the interned copy of what remains. */
    public static StackTraceElement[] clean(StackTraceElement[] frames) {
        ArrayList<StackTraceElement> kept = new ArrayList<>(frames.length);
        for (StackTraceElement f : frames) {
            if (!isOwnFrame(f.getClassName())) {
                kept.add(f);
            }
        }
        StackTraceElement[] cleaned = kept.toArray(new StackTraceElement[0]);
        return intern(cleaned);
    }

    static StackTraceElement[] intern(StackTraceElement[] frames) {
        List<StackTraceElement> key = Arrays.asList(frames);
        StackTraceElement[] known = INTERNED.get(key);
        if (known != null) {
            return known;
        }
        if (INTERNED.size() >= MAX_INTERNED) {
            return frames; // bounded: a program with endless distinct stacks pays only for its own
        }
        known = INTERNED.putIfAbsent(key, frames);
        return known != null ? known : frames;
    }

    /** Number of distinct interned stacks (for tests and the JMX view). */
    public static int internedCount() {
        return INTERNED.size();
    }
}
