package dev.outlive.junit.internal;

import dev.outlive.core.report.AncestorView;
import dev.outlive.core.report.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the test engine's frames off the bottom of a finding's stacks. Below the test method or
 * lifecycle method that spawned the work, a spawn stack is fifty-odd frames of the JUnit engine and
 * the build tool that look the same in every report and push the useful part off the screen.
 */
final class EngineFrames {
    private static final String[] ENGINE_PREFIXES = {
        "org.junit.platform.", "org.junit.jupiter.engine.", "org.apache.maven.surefire.",
        "org.gradle.", "com.intellij.", "org.eclipse.jdt.internal.junit",
    };
    /** Reflection frames between the engine and the test method: dropped with the engine. */
    private static final String[] REFLECTION_PREFIXES = {
        "jdk.internal.reflect.", "java.lang.reflect.Method.invoke", "java.base/jdk.internal.reflect.",
        "java.base/java.lang.reflect.Method.invoke",
    };

    private EngineFrames() {
    }

    /** The finding with the engine frames cut from its spawn stack and its ancestors' spawn stacks. */
    static Finding trim(Finding f) {
        List<AncestorView> ancestry = new ArrayList<>();
        for (AncestorView a : f.ancestry()) {
            ancestry.add(new AncestorView(a.taskId(), a.kind(), a.description(), trim(a.spawnStack())));
        }
        return new Finding(f.id(), f.kind(), f.signature(), f.task(), f.scope(), f.overdueMillis(),
                trim(f.spawnStack()), f.spawnStackRepresentative(), ancestry, trim(f.currentStack()),
                f.blockingCall(), f.hint());
    }

    /** Frames up to the first engine frame, without the reflection frames that lead into it. */
    static List<String> trim(List<String> frames) {
        int end = frames.size();
        for (int i = 0; i < frames.size(); i++) {
            if (startsWithAny(frames.get(i), ENGINE_PREFIXES)) {
                end = i;
                break;
            }
        }
        while (end > 0 && startsWithAny(frames.get(end - 1), REFLECTION_PREFIXES)) {
            end--;
        }
        // A stack that is engine frames all the way (work spawned by the engine itself) is kept whole.
        return end == 0 ? frames : new ArrayList<>(frames.subList(0, end));
    }

    private static boolean startsWithAny(String frame, String[] prefixes) {
        for (String p : prefixes) {
            if (frame.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
