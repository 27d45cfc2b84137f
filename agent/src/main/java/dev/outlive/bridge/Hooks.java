package dev.outlive.bridge;

import dev.outlive.core.OutliveThread;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.report.ThreadView;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.SpawnStacks;
import dev.outlive.core.stack.StackMode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import dev.outlive.core.task.TaskTags;
import dev.outlive.core.task.ThreadTasks;

import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.FutureTask;

/**
 * The static entry points the agent's inlined advice calls from inside JDK methods. It lives on the
 * bootstrap class path next to core and uses only JDK types.
 *
 * <p>Rules for everything here: never throw into the application (each entry point catches
 * everything and reports it to {@link BridgeFailures}), never log, never block beyond a stripe's
 * monitor, and guard against re-entry (a hook whose own work reaches another hooked method).
 * No lambdas and no indy string concatenation: they could link inside {@code Thread.start}.
 */
public final class Hooks {
    private static volatile boolean enabled;
    private static volatile boolean blocking;
    private static volatile long graceNanos = 2_000_000_000L;
    private static volatile SpawnStacks stacks = new SpawnStacks(StackMode.AUTO);
    private static volatile Thread mainThread;
    private static volatile Runnable onMainExit;

    /** Submitted fork/join tasks and futures, by identity, until they run. */
    static final TaskTags TAGS = new TaskTags();
    /** Async bodies' futures, so completing the future from outside cancels the body. */
    static final TaskTags FUTURES = new TaskTags();
    /**
     * Spawn stacks of virtual threads created and not yet started, recorded at creation where the
     * thread's task is known: sampling keyed by the task's class names each site, where the thread's
     * own class (the same for every virtual thread) would let one site's stack stand for all.
     */
    static final dev.outlive.core.task.WeakIdentityTags<StackSnapshot> VIRTUAL_SPAWNS =
            new dev.outlive.core.task.WeakIdentityTags<>();
    /** Executors and their scopes. */
    static final ExecutorScopes EXECUTORS = new ExecutorScopes();

    private Hooks() {
    }

    /** Switches the hooks on; called once by the agent after the runtime is in place. */
    public static void enable(SpawnStacks spawnStacks, Thread main, Runnable mainExitAction, boolean trackBlocking,
                              long grace) {
        TaskDescriptions.init();
        TimerInternals.init();
        ClassInitialisation.init();
        blocking = trackBlocking;
        graceNanos = grace;
        stacks = spawnStacks;
        mainThread = main;
        onMainExit = mainExitAction;
        enabled = true;
    }

    public static void disable() {
        enabled = false;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    /**
     * Enters a hook on this thread: returns its context, or null when the hook must do nothing
     * (disabled, an Outlive thread, or already inside a hook on this thread). Pair with {@link #leave}.
     */
    private static ThreadContext arrive() {
        if (!enabled) {
            return null;
        }
        Thread current = Thread.currentThread();
        if (current instanceof OutliveThread) {
            return null;
        }
        ThreadContext ctx = ThreadContext.get();
        if (!ctx.enterHook()) {
            ctx.exitHook();
            return null;
        }
        return ctx;
    }

    private static void leave(ThreadContext ctx) {
        if (ctx != null) {
            ctx.exitHook();
        }
    }

    private static ScopeNode currentScope(ThreadContext ctx) {
        ScopeNode s = ctx.scope();
        return s != null ? s : dev.outlive.core.OutliveRuntime.get().root();
    }

    /**
     * The owner of a new thread or executor: the current scope, except that one created by a class's
     * static initialiser is an application-lifetime singleton and belongs to the root scope.
     */
    private static ScopeNode ownerOfLongLived(ThreadContext ctx) {
        ScopeNode s = currentScope(ctx);
        dev.outlive.ScopeKind kind = s.kind();
        if (kind == dev.outlive.ScopeKind.JVM || kind == dev.outlive.ScopeKind.MAIN || !ClassInitialisation.inProgress()) {
            return s;
        }
        return dev.outlive.core.OutliveRuntime.get().root();
    }

    // ---------------------------------------------------------------- threads

    /** {@code Thread.start()} and {@code start(ThreadContainer)}, before the thread runs. */
    public static void threadStarting(Thread thread) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (ThreadTasks.forThread(thread) != null || isInternalThread(thread)) {
                return;
            }
            if (ctx.inInternalSpawn()) {
                // a pool starting its own worker: the worker belongs to the pool, not to the caller
                Object owner = ctx.internalSpawnOwner();
                if (owner instanceof ExecutorScopes.Executor) {
                    EXECUTORS.workerStarted(thread, (ExecutorScopes.Executor) owner);
                }
                return;
            }
            boolean virtual = ThreadView.isVirtual(thread);
            String name = thread.getName();
            // an unnamed thread (most virtual threads) is described from its id when a report needs it
            StackSnapshot spawnStack = virtual ? VIRTUAL_SPAWNS.remove(thread) : null;
            if (spawnStack == null) {
                spawnStack = stacks.forSpawn(thread.getClass(), !virtual);
            }
            // virtual threads are not walked for a static initialiser: they are cheap and many, and
            // no library keeps one as a singleton
            TaskRecord record = TaskRecord.spawn(virtual ? TaskKind.VIRTUAL_THREAD : TaskKind.THREAD,
                    name.isEmpty() ? null : name, virtual ? currentScope(ctx) : ownerOfLongLived(ctx), spawnStack);
            record.begin(thread); // alive from now on, whether or not it ever reaches a hook
            ThreadTasks.register(thread, record);
        } catch (Throwable t) {
            BridgeFailures.report("Thread.start", t);
        } finally {
            leave(ctx);
        }
    }

    /** {@code VirtualThread}'s constructor returned: its spawn stack is sampled by the class of its task. */
    public static void virtualThreadCreated(Thread thread, Runnable task) {
        if (task == null) {
            return;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (!ctx.inInternalSpawn()) {
                VIRTUAL_SPAWNS.put(thread, stacks.forSpawn(TaskDescriptions.unwrap(task).getClass(), false));
            }
        } catch (Throwable t) {
            BridgeFailures.report("VirtualThread.<init>", t);
        } finally {
            leave(ctx);
        }
    }

    /** JDK-internal and Outlive's own threads are never tasks of whoever started them. */
    private static boolean isInternalThread(Thread t) {
        if (t instanceof OutliveThread || t instanceof java.util.concurrent.ForkJoinWorkerThread) {
            return true;
        }
        if (isJdkPollerThread(t)) {
            return true;
        }
        String c = t.getClass().getName();
        // java.util.TimerThread is deliberately tracked: a Timer made in a scope and never cancelled
        // leaves its thread behind, and that thread is the user's (a LINGERING_THREAD).
        return c.startsWith("jdk.internal.") || c.startsWith("sun.") || c.startsWith("java.lang.ref.");
    }

    /**
     * The JDK's socket pollers. On recent JDKs (seen on 25) the first virtual-thread socket operation
     * initialises {@code sun.nio.ch.Poller}, which starts its sub-pollers as plain virtual threads
     * from inside that user task: they would otherwise be tasks of whoever happened to read first,
     * and leaks once that task is cancelled. Their class says nothing and walking the starter's
     * stack on every virtual-thread start would cost too much, so they are known by the names the
     * JDK gives them ({@code SubPoller-N}, {@code Read-Poller}, {@code Write-Poller}).
     */
    private static boolean isJdkPollerThread(Thread t) {
        String name = t.getName();
        return name.endsWith("Poller") && (name.equals("Read-Poller") || name.equals("Write-Poller"))
                || name.startsWith("SubPoller-") && ThreadView.isVirtual(t);
    }

    /** {@code Thread.exit()} (platform) and {@code VirtualThread.afterDone} (virtual): the thread ends. */
    public static void threadExiting(Thread thread) {
        if (!enabled) {
            return;
        }
        try {
            ThreadContext dying = ThreadContext.forget(thread);
            TaskRecord record = dying == null ? null : dying.ownTask();
            TaskRecord running = dying == null ? null : dying.task();
            if (running != null && running != record) {
                // A run the thread never came back from (a TimerTask that threw kills the timer thread
                // with no hook between): it ends with the thread, else it would look alive forever.
                running.finish();
            }
            if (record != null) {
                Object bound = record.attachment();
                if (bound != null) {
                    TAGS.remove(bound); // the thread-bound future of a thread-per-task executor
                }
                record.finish();
            }
            if (thread == mainThread) {
                Runnable action = onMainExit;
                if (action != null) {
                    action.run();
                }
            }
        } catch (Throwable t) {
            BridgeFailures.report("Thread.exit", t);
        }
    }

    /** {@code Thread.interrupt()}: cancels the task running on {@code target}, if any. */
    public static void interrupting(Thread target) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (target == Thread.currentThread()) {
                return; // restoring one's own flag after catching InterruptedException cancels nothing
            }
            ThreadContext targetCtx = ThreadContext.of(target);
            TaskRecord task = targetCtx != null ? targetCtx.task() : null;
            if (task == null) {
                task = ThreadTasks.forThread(target);
            }
            if (task == null || task.isDone()) {
                return; // an idle pool worker: interrupting it cancels nothing
            }
            Cancellation pending = ctx.pendingCancellation();
            if (pending != null) {
                task.adopt(pending);
            } else {
                String reason = ctx.pendingReason();
                task.cancel(reason != null ? reason : "interrupt()");
            }
        } catch (Throwable t) {
            BridgeFailures.report("Thread.interrupt", t);
        } finally {
            leave(ctx);
        }
    }

    // ---------------------------------------------------------------- submissions

    /** {@code ThreadPoolExecutor.addWorker} and friends: threads started inside belong to the pool. */
    public static void internalSpawnBegin(Object executor) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            ctx.beginInternalSpawn(EXECUTORS.find(executor, currentScope(ctx)));
        } catch (Throwable t) {
            BridgeFailures.report("executor worker start", t);
        } finally {
            leave(ctx);
        }
    }

    public static void internalSpawnEnd() {
        ThreadContext ctx = arrive();
        if (ctx != null) {
            ctx.endInternalSpawn();
            leave(ctx);
        }
    }

    /**
     * A task handed to an executor. Futures and fork/join tasks are tagged (applications rely on
     * their identity: {@code shutdownNow()} lists, {@code remove}); other runnables are wrapped.
     * Returns what the executor should queue.
     */
    public static Runnable submitting(Object executor, Runnable task) {
        if (task == null || task instanceof TrackedRunnable) {
            return task;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return task;
        }
        try {
            if (isVirtualThreadContinuation(task)) {
                return task;
            }
            TaskRecord record = spawnFor(ctx, task);
            if (task instanceof FutureTask || task instanceof ForkJoinTask) {
                TAGS.put(task, record);
                tieToDependentFuture(task, record);
                return task;
            }
            return new TrackedRunnable(task, record);
        } catch (Throwable t) {
            BridgeFailures.report("executor submit", t);
            return task;
        } finally {
            leave(ctx);
        }
    }

    /**
     * The virtual-thread scheduler mounting a continuation: not a task. It reaches the pool as a plain
     * {@code execute}, or (a virtual thread that yields or is unparked on a carrier) wrapped by
     * {@code ForkJoinTask.adapt} through {@code lazySubmit}: tracked, every yield would be a new task
     * spawned by the previous one, an endless chain.
     */
    private static boolean isVirtualThreadContinuation(Object runnable) {
        return runnable.getClass().getClassLoader() == null && runnable.getClass().getName().startsWith("java.lang.VirtualThread");
    }

    /**
     * A {@code CompletableFuture} dependent stage ({@code thenApplyAsync} and friends) reaches its
     * executor as the JDK's completion object, whose {@code dep} is the future the stage completes:
     * tie the two, so completing or cancelling that future from outside cancels the body, as for
     * {@code supplyAsync}.
     */
    private static void tieToDependentFuture(Runnable task, TaskRecord record) {
        if (record.taskKind() != TaskKind.ASYNC_STAGE) {
            return;
        }
        Object dep = TaskDescriptions.dependentFuture(task);
        if (dep != null) {
            FUTURES.put(dep, record);
            record.attach(dep);
        }
    }

    /**
     * A fork/join task submitted or forked: {@code fork()}, the pool's public entry points, and the
     * pool's own funnel ({@code poolSubmit} on 21+, {@code externalSubmit} on 17), where the adapters
     * of {@code submit(Callable)}, {@code submit(Runnable)}, {@code invokeAll} and
     * {@code submitWithTimeout} arrive. A task already tagged on its way in is left as it is.
     */
    public static void forking(ForkJoinTask<?> task) {
        if (task == null || TaskDescriptions.isExecuteAdapter(task)) {
            return; // execute(Runnable): its runnable is already a tracked task
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (TAGS.get(task) == null && !isVirtualThreadContinuation(TaskDescriptions.unwrap(task))) {
                TAGS.put(task, spawnFor(ctx, task));
            }
        } catch (Throwable t) {
            BridgeFailures.report("ForkJoinTask.fork", t);
        } finally {
            leave(ctx);
        }
    }

    /** A scheduled future queued by {@code ScheduledThreadPoolExecutor.delayedExecute} or {@code ForkJoinPool.schedule}. */
    public static void scheduling(Object future) {
        if (future == null) {
            return;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (TAGS.get(future) == null) {
                TAGS.put(future, spawnFor(ctx, future));
            }
        } catch (Throwable t) {
            BridgeFailures.report("ScheduledThreadPoolExecutor.schedule", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * {@code ForkJoinPool.scheduleDelayedTask} (JDK 25), the funnel of {@code schedule*}: the task is
     * tagged before the delay scheduler can see it, so even a task due at once runs tracked. Tasks in
     * the scheduler's immediate mode are the JDK's own plumbing ({@code orTimeout}, the timeout of
     * {@code submitWithTimeout}, {@code delayedExecutor} relays), not work: they are left alone. A
     * shut-down pool rejects the task: it gets no record either.
     */
    public static void delayedTaskScheduling(Object pool, Object task) {
        if (task == null) {
            return;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            if (TaskDescriptions.isImmediateScheduledTask(task)
                    || (pool instanceof java.util.concurrent.ExecutorService && ((java.util.concurrent.ExecutorService) pool).isShutdown())
                    || TAGS.get(task) != null) {
                return;
            }
            TAGS.put(task, spawnFor(ctx, task));
        } catch (Throwable t) {
            BridgeFailures.report("ForkJoinPool.schedule", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * {@code cancel(boolean)} of a {@code ForkJoinPool} scheduled task (JDK 25), which overrides
     * {@code ForkJoinTask.cancel}: the task's own scope is cancelled before any interrupt is sent, and a
     * task not running now is over (the delay scheduler drops it unrun).
     */
    public static void scheduledCancelling(Object task, boolean mayInterrupt) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TaskRecord record = TAGS.get(task);
            if (record == null || record.isDone() || ((java.util.concurrent.Future<?>) task).isDone()) {
                return;
            }
            if (record != ctx.task()) {
                record.cancel(mayInterrupt ? "Future.cancel(true)" : "Future.cancel(false)");
            }
            dropUnrun(task);
        } catch (Throwable t) {
            BridgeFailures.report("ScheduledFuture.cancel", t);
        } finally {
            leave(ctx);
        }
    }

    /** The executor refused a task it was handed: its record ends at once. */
    public static void submitFailed(Runnable queued) {
        try {
            dropUnrun(queued);
        } catch (Throwable t) {
            BridgeFailures.report("executor submit failure", t);
        }
    }

    /** The record of what an executor queued: a wrapper's, or the tag of a future or fork/join task. */
    static TaskRecord recordOf(Object queued) {
        return queued instanceof TrackedRunnable ? ((TrackedRunnable) queued).record() : TAGS.get(queued);
    }

    /**
     * {@code queued} left its executor without running and nothing will run it: its record ends,
     * unless a thread took it first (then its run ends it). Returns whether it was dropped here.
     */
    static boolean dropUnrun(Object queued) {
        TaskRecord record = recordOf(queued);
        if (record == null || !record.drop()) {
            return false;
        }
        if (!(queued instanceof TrackedRunnable)) {
            TAGS.remove(queued);
        }
        return true;
    }

    private static TaskRecord spawnFor(ThreadContext ctx, Object task) {
        return spawnFor(ctx, task, kindOf(task));
    }

    static TaskRecord spawnFor(ThreadContext ctx, Object task, TaskKind kind) {
        Class<?> code = TaskDescriptions.unwrap(task).getClass();
        TaskRecord record = TaskRecord.spawn(kind, code.getName(), currentScope(ctx), stacks.forSpawn(code, false));
        ctx.lastSpawned(record);
        return record;
    }

    private static TaskKind kindOf(Object task) {
        if (task.getClass().getClassLoader() == null && task.getClass().getName().startsWith("java.util.concurrent.CompletableFuture$")) {
            return TaskKind.ASYNC_STAGE;
        }
        if (task instanceof java.util.concurrent.ScheduledFuture) {
            return TaskKind.SCHEDULED_TASK;
        }
        if (task instanceof ForkJoinTask) {
            return TaskKind.FORK_JOIN_TASK;
        }
        return TaskKind.EXECUTOR_TASK;
    }

    // ---------------------------------------------------------------- runs

    /** A tagged task starts running ({@code FutureTask.run}, {@code ForkJoinTask.doExec}, async bodies). */
    public static TaskRecord runStarting(Object task) {
        if (!enabled) {
            return null;
        }
        try {
            TaskRecord record = TAGS.get(task);
            if (record == null) {
                bindThreadBoundFuture(task);
                return null;
            }
            if (record.isDone()) {
                TAGS.remove(task); // dropped unrun (cancelled, completed from outside): the body will not run
                return null;
            }
            return enter(record);
        } catch (Throwable t) {
            BridgeFailures.report("task run", t);
            return null;
        }
    }

    /**
     * A thread-per-task executor ({@code newVirtualThreadPerTaskExecutor()}, 21+) never queues its
     * future: it starts a thread whose target is the future itself, so the thread's own record is the
     * task. When that future starts running on its thread, tie it to the thread's record, so that
     * {@code Future.cancel(false)} (which sends no interrupt) is seen as cancelling that task. The
     * future is only reachable through {@code FutureTask.run}: its thread field is not open to us.
     */
    private static void bindThreadBoundFuture(Object task) {
        if (!THREAD_BOUND_FUTURE.equals(task.getClass().getName())) {
            return;
        }
        TaskRecord own = ThreadTasks.forThread(Thread.currentThread());
        if (own != null && !own.isDone() && own.attachment() == null) {
            TAGS.put(task, own);
            own.attach(task); // read by the classifier: this thread runs a submitted task
        }
    }

    static final String THREAD_BOUND_FUTURE = "java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture";

    /** The matching end of {@link #runStarting}; {@code periodic} for a run that will be repeated. */
    public static void runEnded(Object task, TaskRecord entered, boolean periodic) {
        if (entered == null) {
            return;
        }
        try {
            if (!periodic && task instanceof java.util.concurrent.ScheduledFuture && task instanceof ForkJoinTask
                    && !((ForkJoinTask<?>) task).isDone()) {
                // ForkJoinPool.scheduleAtFixedRate/WithFixedDelay (25): the run re-queued the task
                // (postExec) instead of completing it. The next run is the same task.
                periodic = true;
            }
            exit(entered, periodic);
            if (!periodic || entered.isDone()) {
                TAGS.remove(task);
            }
        } catch (Throwable t) {
            BridgeFailures.report("task run", t);
        }
    }

    /** Makes {@code record} the running task and its scope current; null if it already is (nested hooks). */
    static TaskRecord enter(TaskRecord record) {
        ThreadContext ctx = ThreadContext.get();
        if (ctx.task() == record || record.isDone()) {
            return null;
        }
        record.saveResume(ctx.scope(), ctx.task());
        ctx.enter(record);
        ctx.runTask(record);
        record.begin(Thread.currentThread());
        return record;
    }

    static void exit(TaskRecord entered, boolean periodic) {
        if (entered == null) {
            return;
        }
        ThreadContext ctx = ThreadContext.get();
        ctx.restore(entered.resumeScope());
        ctx.runTask(entered.resumeTask());
        if (periodic) {
            entered.endRun();
        } else {
            Object future = entered.attachment();
            if (future != null) {
                FUTURES.remove(future);
            }
            entered.finish();
        }
    }

    // ---------------------------------------------------------------- cancellation

    /** {@code FutureTask.cancel} / {@code ForkJoinTask.cancel}: the task's own scope is cancelled. */
    public static void cancelling(Object future, boolean mayInterrupt, String api) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            String reason = mayInterrupt ? api + "(true)" : api + "(false)";
            TaskRecord record = TAGS.get(future);
            if (record != null && !record.isDone()) {
                record.cancel(reason);
            } else if (mayInterrupt) {
                // A future Outlive did not tag (a virtual thread's own): the interrupt it is about to
                // send will cancel the thread's task, with this reason.
                ctx.pendingReason(reason);
            }
        } catch (Throwable t) {
            BridgeFailures.report(api, t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * The end of a {@code cancel} call: an interrupt sent after this is a plain {@code interrupt()}. A
     * task the call cancelled before any thread took it will never run (its executor skips it, or
     * removes it at once under {@code removeOnCancel}): its record ends now.
     */
    public static void cancelEnded(boolean cancelled, Object future) {
        if (!enabled) {
            return;
        }
        try {
            ThreadContext ctx = ThreadContext.peek();
            if (ctx != null) {
                ctx.pendingReason(null);
            }
            if (cancelled && future != null) {
                dropUnrun(future);
            }
        } catch (Throwable t) {
            BridgeFailures.report("Future.cancel", t);
        }
    }

    /** A {@code CompletableFuture} was created for an async body just recorded on this thread. */
    public static void asyncStageCreated(Object future) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TaskRecord record = ctx.lastSpawned();
            if (record != null && !record.isDone() && record.taskKind() == TaskKind.ASYNC_STAGE) {
                FUTURES.put(future, record);
                record.attach(future);
            }
        } catch (Throwable t) {
            BridgeFailures.report("CompletableFuture async stage", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * A {@code CompletableFuture} was completed from outside (cancel, complete, completeExceptionally,
     * orTimeout) while its async body may still run: the body now works for nobody.
     */
    public static void futureCompletedExternally(Object future, String reason) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TaskRecord record = FUTURES.get(future);
            if (record != null && !record.isDone() && ctx.task() != record) {
                record.cancel(reason);
                if (record.drop()) {
                    FUTURES.remove(future); // its body sees the result is set and never runs
                }
            }
        } catch (Throwable t) {
            BridgeFailures.report("CompletableFuture completion", t);
        } finally {
            leave(ctx);
        }
    }

    /** An executor was created: it gets a scope of its own under the creator's current scope. */
    public static void executorCreated(Object executor) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            EXECUTORS.created(executor, ownerOfLongLived(ctx));
        } catch (Throwable t) {
            BridgeFailures.report("executor creation", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * {@code shutdownNow()} begins: the executor's scope is cancelled, and the interrupts the executor
     * now sends to its workers carry that cancellation to the tasks they run.
     */
    public static void shutdownNowStarting(Object executor) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            ExecutorScopes.Executor known = EXECUTORS.find(executor, currentScope(ctx));
            known.scope().shutDown();
            ScopeNode scope = known.scope();
            Cancellation c = scope.ownCancellation();
            if (c == null) {
                scope.cancel("shutdownNow()");
                c = scope.ownCancellation();
            }
            ctx.pendingCancellation(c);
        } catch (Throwable t) {
            BridgeFailures.report("shutdownNow", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * {@code ThreadPoolExecutor.tryTerminate()} returned: called whenever a worker exits or the pool
     * shuts down, it terminates the pool once nothing is left. A terminated pool's bookkeeping goes.
     */
    public static void executorMayHaveTerminated(Object executor) {
        if (!enabled) {
            return;
        }
        try {
            if (executor instanceof java.util.concurrent.ThreadPoolExecutor
                    && ((java.util.concurrent.ThreadPoolExecutor) executor).isTerminated()) {
                EXECUTORS.terminated(executor);
            }
        } catch (Throwable t) {
            BridgeFailures.report("executor termination", t);
        }
    }

    /** {@code shutdown()} (and {@code close()}, which calls it): running and queued tasks may finish. */
    public static void shuttingDown(Object executor) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            EXECUTORS.find(executor, currentScope(ctx)).scope().shutDown();
        } catch (Throwable t) {
            BridgeFailures.report("shutdown", t);
        } finally {
            leave(ctx);
        }
    }

    // ---------------------------------------------------------------- tasks dropped unrun

    /**
     * {@code ThreadPoolExecutor.remove(task)} begins: the queue holds the wrapper of a plain runnable,
     * so the wrapper is what must be removed (else the application's {@code remove} would find nothing).
     * Returns what to remove.
     */
    public static Runnable removing(Object executor, Runnable task) {
        if (task == null || task instanceof TrackedRunnable || task instanceof FutureTask) {
            return task;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return task;
        }
        try {
            for (Runnable queued : queueOf(executor)) {
                if (queued instanceof TrackedRunnable && ((TrackedRunnable) queued).delegate() == task) {
                    return queued;
                }
            }
            return task;
        } catch (Throwable t) {
            BridgeFailures.report("ThreadPoolExecutor.remove", t);
            return task;
        } finally {
            leave(ctx);
        }
    }

    /** {@code remove(task)} returned: a task taken off the queue never runs. */
    public static void removed(boolean removed, Runnable task) {
        if (removed) {
            droppedUnlessQueued(null, task, "ThreadPoolExecutor.remove");
        }
    }

    /**
     * {@code ThreadPoolExecutor.reject(task)} returned without throwing: its handler ran the task
     * ({@code CallerRunsPolicy}, which ends it), queued it again (a retrying handler,
     * {@code DiscardOldestPolicy}) or dropped it ({@code DiscardPolicy}, or any policy on a shut-down
     * pool). A task that did not run and is not in the queue was dropped.
     */
    public static void rejected(Object executor, Runnable task) {
        droppedUnlessQueued(executor, task, "ThreadPoolExecutor.reject");
    }

    /** {@code DiscardOldestPolicy.rejectedExecution} begins: the head of the queue is what it discards. */
    public static Object discardingOldest(Object executor) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return null;
        }
        try {
            return executor instanceof java.util.concurrent.ThreadPoolExecutor ? queueOf(executor).peek() : null;
        } catch (Throwable t) {
            BridgeFailures.report("DiscardOldestPolicy", t);
            return null;
        } finally {
            leave(ctx);
        }
    }

    /** The end of {@link #discardingOldest}: the old head, if no longer queued and never run, was discarded. */
    public static void discardedOldest(Object oldHead, Object executor) {
        droppedUnlessQueued(executor, oldHead, "DiscardOldestPolicy");
    }

    /** Drops {@code task} unless it is in {@code executor}'s queue again (no executor: it surely is not). */
    private static void droppedUnlessQueued(Object executor, Object task, String where) {
        if (task == null) {
            return;
        }
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TaskRecord record = recordOf(task);
            if (record != null && !record.isDone() && (executor == null || !queueOf(executor).contains(task))) {
                dropUnrun(task);
            }
        } catch (Throwable t) {
            BridgeFailures.report(where, t);
        } finally {
            leave(ctx);
        }
    }

    private static java.util.concurrent.BlockingQueue<Runnable> queueOf(Object executor) {
        return ((java.util.concurrent.ThreadPoolExecutor) executor).getQueue();
    }

    // ---------------------------------------------------------------- blocking calls

    /**
     * A blocking call begins, with its timeout ({@code -1}: none). On the hottest paths of the JVM: when
     * this thread runs no task it costs a thread-local read and returns, with no allocation and no lock.
     * Returns the task to clear on exit. A {@code LATE_BLOCKING_CALL} is only a call that can outlast
     * the grace period: a short timed wait after a check is how correct code polls, and the
     * check-then-wait race it may lose is harmless.
     */
    public static TaskRecord blockingEnter(String method, Object blocker, boolean interruptible, long timeoutNanos) {
        return enterBlocking(method, blocker, interruptible, false, timeoutNanos);
    }

    /** The socket variant: interruptible only on a virtual thread. */
    public static TaskRecord socketBlockingEnter(String method, long timeoutNanos) {
        return enterBlocking(method, null, false, true, timeoutNanos);
    }

    /** {@code interruptibleIfVirtual}: interruptibility depends on the thread, decided only once a task is found. */
    private static TaskRecord enterBlocking(String method, Object blocker, boolean interruptible,
                                            boolean interruptibleIfVirtual, long timeoutNanos) {
        if (!blocking) {
            return null;
        }
        ThreadContext ctx = ThreadContext.peek();
        if (ctx == null) {
            return null;
        }
        TaskRecord task = ctx.task();
        if (task == null || task.isBlocking()) {
            return null; // no task, or an outer blocking call (join over wait) already recorded
        }
        if (!ctx.enterHook()) {
            ctx.exitHook();
            return null;
        }
        try {
            dev.outlive.core.time.Clock clock = dev.outlive.core.OutliveRuntime.get().clock();
            boolean canInterrupt = interruptibleIfVirtual ? ThreadView.isVirtual(Thread.currentThread()) : interruptible;
            task.enterBlocking(method, clock.nanoTime(), canInterrupt, blocker);
            ScopeNode scope = ctx.scope();
            Cancellation c = scope == null ? null : scope.cancellation();
            boolean outlastsGrace = timeoutNanos < 0 || timeoutNanos > graceNanos;
            if (outlastsGrace && c != null && c.origin().kind() != dev.outlive.ScopeKind.JVM && task.claimLateBlockingWarning()) {
                dev.outlive.core.OutliveRuntime.get().observer().lateBlockingCall(task, scope, StackSnapshot.capture());
            }
            return task;
        } catch (Throwable t) {
            BridgeFailures.report("blocking call", t);
            return null;
        } finally {
            ctx.exitHook();
        }
    }

    /** The blocking call returned (or threw). */
    public static void blockingExit(TaskRecord task) {
        if (task != null) {
            task.leaveBlocking();
        }
    }

    /**
     * {@code shutdownNow()} returned the tasks that never ran: their records end, and wrappers are
     * replaced by the application's own runnables in the returned list.
     */
    public static void shutdownNowEnded(List<Runnable> neverRan) {
        if (!enabled) {
            return;
        }
        try {
            ThreadContext.get().pendingCancellation(null);
            if (neverRan == null) {
                return;
            }
            for (int i = 0; i < neverRan.size(); i++) {
                Runnable r = neverRan.get(i);
                dropUnrun(r);
                if (r instanceof TrackedRunnable) {
                    neverRan.set(i, ((TrackedRunnable) r).delegate());
                }
            }
        } catch (Throwable t) {
            BridgeFailures.report("shutdownNow", t);
        }
    }

    // ---------------------------------------------------------------- java.util.Timer (see TimerTasks)

    /** {@code TaskQueue.add(TimerTask)}, called only by {@code Timer.sched} once the task is accepted. */
    public static void timerTaskScheduled(Object task) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TimerTasks.scheduled(ctx, task);
        } catch (Throwable t) {
            BridgeFailures.report("Timer.schedule", t);
        } finally {
            leave(ctx);
        }
    }

    /** {@code TaskQueue.removeMin()} / {@code rescheduleMin(long)}: the timer thread takes its head task. */
    public static void timerTaskFiring(Object queue) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TimerTasks.firing(queue);
        } catch (Throwable t) {
            BridgeFailures.report("Timer run", t);
        } finally {
            leave(ctx);
        }
    }

    /**
     * {@code TaskQueue.isEmpty()}: the timer loop's first call after a run. Costs a thread-local read
     * on threads that run no timer task.
     */
    public static void timerLoopPolled() {
        if (!enabled) {
            return;
        }
        ThreadContext ctx = ThreadContext.peek();
        if (ctx == null) {
            return;
        }
        TaskRecord running = ctx.task();
        if (running == null || running.taskKind() != TaskKind.TIMER_TASK) {
            return;
        }
        if (!ctx.enterHook()) {
            ctx.exitHook();
            return;
        }
        try {
            TimerTasks.loopPolled(ctx);
        } catch (Throwable t) {
            BridgeFailures.report("Timer run", t);
        } finally {
            ctx.exitHook();
        }
    }

    /** {@code TaskQueue.clear()}: the timer was cancelled or its thread is dying. */
    public static void timerQueueClearing(Object queue) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TimerTasks.cleared(queue);
        } catch (Throwable t) {
            BridgeFailures.report("Timer.cancel", t);
        } finally {
            leave(ctx);
        }
    }

    /** {@code Timer.cancel()}, before it takes the queue's monitor. */
    public static void timerCancelling(Object timer) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TimerTasks.timerCancelled(ctx, timer);
        } catch (Throwable t) {
            BridgeFailures.report("Timer.cancel", t);
        } finally {
            leave(ctx);
        }
    }

    /** {@code TimerTask.cancel()} returned. */
    public static void timerTaskCancelled(Object task) {
        ThreadContext ctx = arrive();
        if (ctx == null) {
            return;
        }
        try {
            TimerTasks.taskCancelled(ctx, task);
        } catch (Throwable t) {
            BridgeFailures.report("TimerTask.cancel", t);
        } finally {
            leave(ctx);
        }
    }

    /** The executor that started {@code worker}, or null: for reports about pool workers. */
    public static ExecutorScopes.Executor executorOf(Thread worker) {
        return EXECUTORS.executorOf(worker);
    }
}
