package dev.outlive.core.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stack captured cheaply and decoded late. Capture keeps only the raw backtrace of a
 * {@code Throwable} (about 2 µs at 40 frames; {@code getStackTrace()} costs about 11 µs); the frames
 * are decoded, stripped of Outlive's own frames and interned the first time a report needs them.
 */
public final class StackSnapshot {
    /** No stack: capture was off or impossible. */
    public static final StackSnapshot EMPTY = new StackSnapshot(null, new StackTraceElement[0], false);

    private static final int MAX_SHARED = 8192;
    /** Snapshots of decoded stacks, by their interned (hence canonical) frame arrays: identity keys. */
    private static final ConcurrentHashMap<StackTraceElement[], StackSnapshot> DECODED = new ConcurrentHashMap<>();

    private volatile Throwable raw;
    private volatile StackTraceElement[] frames;
    private final boolean representative;

    private StackSnapshot(Throwable raw, StackTraceElement[] frames, boolean representative) {
        this.raw = raw;
        this.frames = frames;
        this.representative = representative;
    }

    /** Captures the calling thread's stack, undecoded. */
    public static StackSnapshot capture() {
        return new StackSnapshot(new Throwable(), null, false);
    }

    /**
     * Captures the calling thread's stack and decodes it now (about 5x the cost of {@link #capture}):
     * spawns from one line then share one snapshot and one array of frames.
     */
    public static StackSnapshot captureDecoded() {
        StackTraceElement[] frames = StackFrames.clean(new Throwable().getStackTrace());
        StackSnapshot known = DECODED.get(frames);
        if (known != null) {
            return known;
        }
        StackSnapshot fresh = new StackSnapshot(null, frames, false);
        if (DECODED.size() >= MAX_SHARED) {
            return fresh; // bounded, like the interned frames themselves
        }
        known = DECODED.putIfAbsent(frames, fresh);
        return known != null ? known : fresh;
    }

    /** A snapshot of frames already decoded (a live thread's current stack, say). */
    public static StackSnapshot of(StackTraceElement[] frames) {
        return new StackSnapshot(null, StackFrames.clean(frames), false);
    }

    /**
     * This same stack marked as <em>representative</em>: recorded for an earlier spawn of the same
     * task class, standing in for a spawn that was not captured to save time.
     */
    public StackSnapshot asRepresentative() {
        return representative ? this : new StackSnapshot(raw, frames, true);
    }

    /** True when this stack was recorded for an earlier spawn of the same code, not this one. */
    public boolean isRepresentative() {
        return representative;
    }

    public boolean isEmpty() {
        return decoded().length == 0;
    }

    /** The frames, innermost first, without Outlive's own, interned. */
    public StackTraceElement[] decoded() {
        StackTraceElement[] f = frames;
        if (f == null) {
            Throwable t = raw;
            f = t == null ? EMPTY.frames : StackFrames.clean(t.getStackTrace());
            frames = f;
            raw = null; // the backtrace is no longer needed once decoded
        }
        return f;
    }

    /** Up to {@code maxDepth} frames as {@link StackTraceElement#toString()} strings. */
    public List<String> lines(int maxDepth) {
        StackTraceElement[] f = decoded();
        int n = Math.min(f.length, Math.max(0, maxDepth));
        if (n == 0) {
            return Collections.emptyList();
        }
        ArrayList<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(render(f[i]));
        }
        return out;
    }

    /**
     * {@code com.acme.Main.start(Main.java:21)}: the frame without the class-loader and module
     * prefixes {@code StackTraceElement.toString()} adds inconsistently (a live thread's stack says
     * {@code app//} and {@code java.base@17.0.15/}, a captured one does not), so the same frame always
     * reads, matches and hashes the same.
     */
    static String render(StackTraceElement e) {
        return new StackTraceElement(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber()).toString();
    }
}
