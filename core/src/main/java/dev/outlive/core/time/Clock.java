package dev.outlive.core.time;

/** The time source of the runtime: the system clock, or a hand-driven one in tests. */
public interface Clock {
    /** Monotonic nanoseconds, for grace periods and deadlines. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for reports. */
    long epochMillis();

    /** The system clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMillis() {
            return System.currentTimeMillis();
        }
    };
}
