package dev.outlive.sample;

import dev.outlive.sample.cases.BlockedSend;
import dev.outlive.sample.cases.BlockingBeforeCheck;
import dev.outlive.sample.cases.CompletableFutureCancel;
import dev.outlive.sample.cases.DbQueryNoCancel;
import dev.outlive.sample.cases.Deadlock;
import dev.outlive.sample.cases.FreshRoot;
import dev.outlive.sample.cases.HttpNoTimeout;
import dev.outlive.sample.cases.IgnoresCancellation;
import dev.outlive.sample.cases.LostScope;
import dev.outlive.sample.cases.SchedulerNeverShutdown;
import dev.outlive.sample.cases.TimerNeverCancelled;
import dev.outlive.sample.cases.VirtualAfterShutdownNow;
import dev.outlive.sample.cases.WrongScope;

import java.util.List;
import java.util.Optional;

/** Every case, in tour order: the eight causes from the Go articles first, then the Java-specific ones. */
public final class Cases {
    private static final List<Case> ALL = List.of(
            new IgnoresCancellation(),
            new WrongScope(),
            new BlockingBeforeCheck(),
            new FreshRoot(),
            new LostScope(),
            new HttpNoTimeout(),
            new DbQueryNoCancel(),
            new BlockedSend(),
            new CompletableFutureCancel(),
            new VirtualAfterShutdownNow(),
            new SchedulerNeverShutdown(),
            new TimerNeverCancelled(),
            new Deadlock());

    private Cases() {
    }

    public static List<Case> all() {
        return ALL;
    }

    public static Optional<Case> byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The feature release of the running JDK. */
    public static int jdkFeature() {
        return Runtime.version().feature();
    }
}
