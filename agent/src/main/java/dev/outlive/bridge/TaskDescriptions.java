package dev.outlive.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.FutureTask;

/**
 * Names a task after the application code it runs, not after the JDK wrapper that carries it: a
 * {@code FutureTask} is described by its callable (or, for {@code submit(Runnable)}, the runnable
 * inside the adapter), an async body by its supplier or runnable. Reading those private fields needs
 * {@code java.util.concurrent} opened to the bridge, which the agent does at start-up; without it
 * descriptions fall back to the wrapper's class name.
 */
final class TaskDescriptions {
    private static volatile VarHandle futureCallable;
    private static volatile VarHandle adapterTask;
    private static volatile VarHandle asyncSupplyFn;
    private static volatile VarHandle asyncRunFn;

    private TaskDescriptions() {
    }

    /** Called once the agent opened {@code java.util.concurrent}; quietly keeps the fallback if it cannot. */
    static void init() {
        futureCallable = field(FutureTask.class, "callable");
        adapterTask = field(type("java.util.concurrent.Executors$RunnableAdapter"), "task");
        asyncSupplyFn = field(type("java.util.concurrent.CompletableFuture$AsyncSupply"), "fn");
        asyncRunFn = field(type("java.util.concurrent.CompletableFuture$AsyncRun"), "fn");
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static VarHandle field(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            return lookup.unreflectVarHandle(owner.getDeclaredField(name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The application's own object inside a JDK wrapper, or the task itself. Its class names the task
     * and keys spawn-stack sampling: every {@code submit} goes through a {@code FutureTask}, so the
     * wrapper's class would make all of them one spawn site.
     */
    static Object unwrap(Object task) {
        try {
            Object inner = null;
            if (task instanceof FutureTask && futureCallable != null) {
                inner = futureCallable.get(task);
                if (inner != null && adapterTask != null && inner.getClass().getName().equals("java.util.concurrent.Executors$RunnableAdapter")) {
                    inner = adapterTask.get(inner);
                }
            } else if (asyncSupplyFn != null && task.getClass().getName().equals("java.util.concurrent.CompletableFuture$AsyncSupply")) {
                inner = asyncSupplyFn.get(task);
            } else if (asyncRunFn != null && task.getClass().getName().equals("java.util.concurrent.CompletableFuture$AsyncRun")) {
                inner = asyncRunFn.get(task);
            }
            return inner != null ? inner : task;
        } catch (RuntimeException e) {
            return task;
        }
    }
}
