package dev.outlive.core.stack;

import java.lang.StackWalker.StackFrame;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Captures only the first frame outside the JDK and Outlive: the {@code stacks=caller} mode. */
final class CallerFrame {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Function<Stream<StackFrame>, Optional<StackFrame>> FIRST_USER_FRAME =
            new Function<Stream<StackFrame>, Optional<StackFrame>>() {
                @Override
                public Optional<StackFrame> apply(Stream<StackFrame> frames) {
                    return frames.filter(new java.util.function.Predicate<StackFrame>() {
                        @Override
                        public boolean test(StackFrame f) {
                            String c = f.getClassName();
                            return !JdkFrames.isJdkClass(c) && !StackFrames.isOwnFrame(c);
                        }
                    }).findFirst();
                }
            };

    private CallerFrame() {
    }

    static StackSnapshot capture() {
        Optional<StackFrame> frame = WALKER.walk(FIRST_USER_FRAME);
        if (frame.isEmpty()) {
            return StackSnapshot.EMPTY;
        }
        return StackSnapshot.of(new StackTraceElement[] {frame.get().toStackTraceElement()});
    }
}
