package dev.outlive.bridge;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Tells whether the calling thread is running a class's static initialiser. A thread, timer or
 * executor created there is an application-lifetime singleton (a static holder's {@code Timer}, a
 * library's shared pool): it belongs to the {@code JVM} scope, whichever test or request happened to
 * trigger the class's initialisation.
 *
 * <p>A stack walk costs a few microseconds, so the bridge asks only when the work would otherwise be
 * charged to a scope that can end (a test, a request, a task): spawns under {@code jvm} or
 * {@code main}, by far the most common, never pay it. Named classes rather than lambdas: this runs
 * inside {@code Thread.start}.
 */
final class ClassInitialisation {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Walk WALK = new Walk();

    private ClassInitialisation() {
    }

    /** Walks once, so the walker's classes are loaded at start-up rather than inside a hook. */
    static void init() {
        inProgress();
    }

    static boolean inProgress() {
        return WALKER.walk(WALK);
    }

    private static final class Walk implements Function<Stream<StackWalker.StackFrame>, Boolean>,
            Predicate<StackWalker.StackFrame> {
        @Override
        public Boolean apply(Stream<StackWalker.StackFrame> frames) {
            return frames.anyMatch(this);
        }

        @Override
        public boolean test(StackWalker.StackFrame frame) {
            return "<clinit>".equals(frame.getMethodName());
        }
    }
}
