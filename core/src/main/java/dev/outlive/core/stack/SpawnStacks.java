package dev.outlive.core.stack;

/**
 * Decides, per spawn, what stack to record under the {@link StackMode}.
 *
 * <p>{@code AUTO} keeps recording within the overhead budget while still naming a spawn site for
 * every leak: the first {@value #FULL_PER_CLASS} spawns of each task class are captured in full,
 * then one in {@value #SAMPLE_EVERY}; the others share the latest stack captured for their class,
 * marked as representative. A lambda's class is unique to its source line, so for lambdas the
 * representative stack names the right line; for a named class submitted from several places the
 * report says the stack is representative.
 */
public final class SpawnStacks {
    static final int FULL_PER_CLASS = 8;
    static final int SAMPLE_EVERY = 1024;

    private final StackMode mode;
    private final ClassValue<PerClass> perClass = new ClassValue<PerClass>() {
        @Override
        protected PerClass computeValue(Class<?> type) {
            return new PerClass();
        }
    };

    public SpawnStacks(StackMode mode) {
        this.mode = mode;
    }

    public StackMode mode() {
        return mode;
    }

    /**
     * The stack to record for spawning a task of class {@code taskClass}. {@code expensiveSpawn}
     * marks spawns that cost far more than a capture (starting a platform thread): those are always
     * captured in {@code AUTO}, and decoded at once, since a live thread would otherwise keep a raw
     * backtrace of several hundred bytes where the interned frames are shared with every other thread
     * started from the same line.
     */
    public StackSnapshot forSpawn(Class<?> taskClass, boolean expensiveSpawn) {
        switch (mode) {
            case FULL:
                return expensiveSpawn ? StackSnapshot.captureDecoded() : StackSnapshot.capture();
            case OFF:
                return StackSnapshot.EMPTY;
            case CALLER:
                return CallerFrame.capture();
            default:
                if (expensiveSpawn) {
                    return StackSnapshot.captureDecoded();
                }
                if (taskClass == null) {
                    return StackSnapshot.capture();
                }
                return perClass.get(taskClass).next();
        }
    }

    private static final class PerClass {
        private int spawns; // racy on purpose: an occasional extra or missed capture is harmless
        /** The latest capture, marked representative once, shared by the spawns that are not captured. */
        private volatile StackSnapshot shared;

        StackSnapshot next() {
            int n = spawns++;
            StackSnapshot known = shared;
            if (known == null || n < FULL_PER_CLASS || n % SAMPLE_EVERY == 0) {
                StackSnapshot fresh = StackSnapshot.capture();
                shared = fresh.asRepresentative();
                return fresh;
            }
            return known;
        }
    }
}
