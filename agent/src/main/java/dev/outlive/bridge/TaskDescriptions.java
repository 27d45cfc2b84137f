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
    /** The {@code fn} of each kind of dependent stage, by class (a dozen, looked up linearly). */
    private static volatile Class<?>[] stageClasses = new Class<?>[0];
    private static volatile VarHandle[] stageFns = new VarHandle[0];
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
        java.util.List<VarHandle> fns = new java.util.ArrayList<>();
        for (String stage : stages) {
            Class<?> c = type("java.util.concurrent.CompletableFuture$" + stage);
            VarHandle fn = field(c, "fn");
            if (fn != null) {
                classes.add(c);
                fns.add(fn);
            }
        }
        stageFns = fns.toArray(new VarHandle[0]);
        stageClasses = classes.toArray(new Class<?>[0]);
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
                Class<?>[] classes = stageClasses;
                for (int i = 0; i < classes.length; i++) {
                    if (classes[i] == task.getClass()) {
                        inner = stageFns[i].get(task);
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
