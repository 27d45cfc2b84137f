package dev.outlive.core.report;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A thread as reports show it; field names follow the JDK's JSON thread dump
 * ({@code jcmd <pid> Thread.dump_to_file -format=json}).
 */
public record ThreadView(String name, long tid, boolean virtual, boolean daemon, String state) {
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    /** Describes a live thread; safe on JDK 17, where no thread is virtual. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() arrived in 19 and core runs on 17
    public static ThreadView of(Thread t) {
        return new ThreadView(t.getName(), t.getId(), isVirtual(t), t.isDaemon(), t.getState().name());
    }

    /** {@code Thread.isVirtual()} on 21+, false on 17. */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
