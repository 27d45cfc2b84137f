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
    /** {@code CompletableFuture$UniCompletion.dep}: the future a dependent async stage completes. */
    private static volatile VarHandle completionDep;
    private static volatile Class<?> uniCompletion;
    /**
     * JDK wrappers with one field holding the application's code, by class (looked up linearly, about
     * twenty): the {@code fn} of each kind of dependent stage, the callable or runnable of each
     * fork/join adapter that {@code ForkJoinPool.submit}, {@code execute} and {@code invokeAll} make.
     */
    private static volatile Class<?>[] wrapperClasses = new Class<?>[0];
    private static volatile VarHandle[] wrapperFields = new VarHandle[0];
    /** {@code ForkJoinPool.execute(Runnable)}'s adapter, which carries an already tracked runnable. */
    private static volatile Class<?> runnableExecuteAction;
    /** {@code ForkJoinPool} scheduled tasks (JDK 25): their body and whether the JDK runs them itself. */
    private static volatile Class<?> scheduledTask;
    private static volatile VarHandle scheduledRunnable;
    private static volatile VarHandle scheduledCallable;
    private static volatile VarHandle scheduledImmediate;

    private TaskDescriptions() {
    }

    /** Called once the agent opened {@code java.util.concurrent}; quietly keeps the fallback if it cannot. */
    static void init() {
        futureCallable = field(FutureTask.class, "callable");
        adapterTask = field(type("java.util.concurrent.Executors$RunnableAdapter"), "task");
        asyncSupplyFn = field(type("java.util.concurrent.CompletableFuture$AsyncSupply"), "fn");
        asyncRunFn = field(type("java.util.concurrent.CompletableFuture$AsyncRun"), "fn");
        uniCompletion = type("java.util.concurrent.CompletableFuture$UniCompletion");
        completionDep = field(uniCompletion, "dep");
        String[] stages = {"UniApply", "UniAccept", "UniRun", "UniWhenComplete", "UniHandle", "UniExceptionally",
                "UniComposeExceptionally", "UniCompose", "BiApply", "BiAccept", "BiRun", "OrApply", "OrAccept", "OrRun"};
        java.util.List<Class<?>> classes = new java.util.ArrayList<>();
        java.util.List<VarHandle> fields = new java.util.ArrayList<>();
        for (String stage : stages) {
            addWrapper(classes, fields, "java.util.concurrent.CompletableFuture$" + stage, "fn");
        }
        // ForkJoinTask's adapters; the interruptible ones and CallableWithTimeout exist on recent JDKs only
        String[][] adapters = {{"AdaptedCallable", "callable"}, {"AdaptedRunnable", "runnable"},
            {"AdaptedRunnableAction", "runnable"}, {"RunnableExecuteAction", "runnable"},
            {"AdaptedInterruptibleCallable", "callable"}, {"AdaptedInterruptibleRunnable", "runnable"},
            {"CallableWithTimeout", "callable"}};
        for (String[] a : adapters) {
            addWrapper(classes, fields, "java.util.concurrent.ForkJoinTask$" + a[0], a[1]);
        }
        wrapperFields = fields.toArray(new VarHandle[0]);
        wrapperClasses = classes.toArray(new Class<?>[0]);
        runnableExecuteAction = type("java.util.concurrent.ForkJoinTask$RunnableExecuteAction");
        Class<?> scheduled = type("java.util.concurrent.DelayScheduler$ScheduledForkJoinTask");
        scheduledRunnable = field(scheduled, "runnable");
        scheduledCallable = field(scheduled, "callable");
        scheduledImmediate = field(scheduled, "isImmediate");
        scheduledTask = scheduled;
    }

    /** The future a {@code CompletableFuture} dependent async stage completes, or null for any other task. */
    static Object dependentFuture(Object task) {
        VarHandle dep = completionDep;
        // AsyncSupply and AsyncRun are not UniCompletions: they are tied where they are created
        return dep != null && uniCompletion.isInstance(task) ? dep.get(task) : null;
    }

    /** True for a {@code ForkJoinPool} scheduled task in immediate mode: JDK plumbing, run by the delay scheduler itself. */
    static boolean isImmediateScheduledTask(Object task) {
        VarHandle immediate = scheduledImmediate;
        return immediate != null && scheduledTask.isInstance(task) && (boolean) immediate.get(task);
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

    private static void addWrapper(java.util.List<Class<?>> classes, java.util.List<VarHandle> fields,
                                   String className, String field) {
        Class<?> c = type(className);
        VarHandle h = field(c, field);
        if (h != null) {
            classes.add(c);
            fields.add(h);
        }
    }

    /**
     * Whether {@code task} is the adapter {@code ForkJoinPool.execute(Runnable)} wraps a runnable in:
     * that runnable was already recorded (and wrapped) when {@code execute} was called.
     */
    static boolean isExecuteAdapter(Object task) {
        Class<?> c = runnableExecuteAction;
        return c != null && c == task.getClass();
    }

    /**
     * The application's own object inside a JDK wrapper, or the task itself. Its class names the task
     * and keys spawn-stack sampling: every {@code submit} goes through a {@code FutureTask}, so the
     * wrapper's class would make all of them one spawn site.
     */
    static Object unwrap(Object task) {
        if (!(task instanceof FutureTask) && task.getClass().getClassLoader() != null) {
            return task; // the application's own class: the other wrappers are all the JDK's
        }
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
            } else if (scheduledTask != null && scheduledTask.isInstance(task)) {
                inner = scheduledRunnable.get(task);
                if (inner == null) {
                    inner = scheduledCallable.get(task);
                }
            } else {
                Class<?>[] classes = wrapperClasses;
                for (int i = 0; i < classes.length; i++) {
                    if (classes[i] == task.getClass()) {
                        inner = wrapperFields[i].get(task);
                        break;
                    }
                }
            }
            return inner != null ? inner : task;
        } catch (RuntimeException e) {
            return task;
        }
    }
}
