package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import dev.outlive.bridge.WovenCalls;

import java.util.ArrayList;
import java.util.List;

import static dev.outlive.agent.instrument.MethodMatcher.constructors;
import static dev.outlive.agent.instrument.MethodMatcher.named;
import static dev.outlive.agent.instrument.Source.ENTER;
import static dev.outlive.agent.instrument.Source.METHOD_NAME;
import static dev.outlive.agent.instrument.Source.NULL;
import static dev.outlive.agent.instrument.Source.RETURN;
import static dev.outlive.agent.instrument.Source.THIS;
import static dev.outlive.agent.instrument.Source.THROWN;
import static dev.outlive.agent.instrument.Source.arg;

/**
 * Every JDK method Outlive hooks, by name and argument descriptors (internals move between releases;
 * see {@code shared/research/agent-technique.md}), and the bridge calls woven into it. A hook whose
 * method does not exist on the running JDK is reported by the self-test if it was expected there.
 */
final class JdkHooks {
    static final String THREAD = "java.lang.Thread";
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";
    static final String FJP = "java.util.concurrent.ForkJoinPool";
    static final String FJT = "java.util.concurrent.ForkJoinTask";
    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    static final String CF = "java.util.concurrent.CompletableFuture";
    static final String LOCK_SUPPORT = "java.util.concurrent.locks.LockSupport";
    static final String TIMER = "java.util.Timer";
    static final String TIMER_TASK = "java.util.TimerTask";
    static final String TIMER_QUEUE = "java.util.TaskQueue";
    static final String SCHEDULED_FJT = "java.util.concurrent.DelayScheduler$ScheduledForkJoinTask";

    private static final String OBJECT_ARG = "Ljava/lang/Object;";
    private static final String RUNNABLE_ARG = "Ljava/lang/Runnable;";
    private static final String DURATION_ARG = "Ljava/time/Duration;";
    private static final String CONTAINER_ARG = "Ljdk/internal/vm/ThreadContainer;";
    private static final String FJT_ARG = "Ljava/util/concurrent/ForkJoinTask;";
    private static final String FD_EVENT_ARGS = "Ljava/io/FileDescriptor;I";

    private JdkHooks() {
    }

    /** Every hook, the blocking-call ones only when {@code blocking=true}. */
    static List<Hook> all(boolean blocking) {
        List<Hook> hooks = new ArrayList<>(spawnsAndCancellations());
        if (blocking) {
            hooks.addAll(blockingCalls());
        }
        return hooks;
    }

    /**
     * Blocking points. Native methods cannot be woven without JVM flags (JDK 17's
     * {@code Thread.sleep(long)} and {@code Object.wait(long)}): those calls are read off the thread's
     * stack when a leak is reported instead.
     */
    static List<Hook> blockingCalls() {
        String object = "java.lang.Object";
        String socket = "sun.nio.ch.NioSocketImpl";
        return List.of(
                blocking("LockSupport.park(blocker)", LOCK_SUPPORT, named("park").args(OBJECT_ARG),
                        call("park", METHOD_NAME, arg(0)), 17),
                blocking("LockSupport.park()", LOCK_SUPPORT, named("park").args(""), call("untimedWait", METHOD_NAME), 17),
                blocking("LockSupport.parkNanos(blocker, long)", LOCK_SUPPORT, named("parkNanos").args(OBJECT_ARG + "J"),
                        call("parkNanos", METHOD_NAME, arg(0), arg(1)), 17),
                blocking("LockSupport.parkNanos(long)", LOCK_SUPPORT, named("parkNanos").args("J"),
                        call("parkNanos", METHOD_NAME, NULL, arg(0)), 17),
                blocking("LockSupport.parkUntil(blocker, long)", LOCK_SUPPORT, named("parkUntil").args(OBJECT_ARG + "J"),
                        call("parkUntil", METHOD_NAME, arg(0), arg(1)), 17),
                blocking("LockSupport.parkUntil(long)", LOCK_SUPPORT, named("parkUntil").args("J"),
                        call("parkUntil", METHOD_NAME, NULL, arg(0)), 17),
                blocking("Thread.sleep(long[, int])", THREAD, named("sleep").onlyStatic().argsStartingWith("J"),
                        call("sleep", METHOD_NAME, arg(0)), 17),
                blocking("Thread.sleep(Duration)", THREAD, named("sleep").onlyStatic().args(DURATION_ARG),
                        call("waitFor", METHOD_NAME, arg(0)), 19),
                blocking("Thread.join()", THREAD, named("join").args(""), call("untimedWait", METHOD_NAME), 17),
                blocking("Thread.join(long[, int])", THREAD, named("join").argsStartingWith("J"),
                        call("timedWait", METHOD_NAME, arg(0)), 17),
                blocking("Thread.join(Duration)", THREAD, named("join").args(DURATION_ARG),
                        call("waitFor", METHOD_NAME, arg(0)), 19),
                blocking("Object.wait()", object, named("wait").args(""), call("untimedWait", METHOD_NAME), 17),
                blocking("Object.wait(long[, int])", object, named("wait").argsStartingWith("J"),
                        call("timedWait", METHOD_NAME, arg(0)), 17),
                blocking("NioSocketImpl.park(fd, event)", socket, named("park").args(FD_EVENT_ARGS),
                        call("socketWait", METHOD_NAME), 17),
                blocking("NioSocketImpl.park(fd, event, nanos)", socket, named("park").args(FD_EVENT_ARGS + "J"),
                        call("socketWaitNanos", METHOD_NAME, arg(2)), 17));
    }

    static List<Hook> spawnsAndCancellations() {
        Weave submit = Weave.onEnter(hook("submitting", THIS, arg(0))).replacingArgument(0)
                .thenOnExit(call("submitEnded", arg(0), THROWN));
        Weave run = Weave.onEnter(hook("runStarting", THIS)).thenOnExit(call("runFinished", THIS, ENTER));
        Weave created = Weave.onExit(hook("executorCreated", THIS));
        Weave shutdown = Weave.onEnter(hook("shuttingDown", THIS));
        Weave shutdownNow = Weave.onEnter(hook("shutdownNowStarting", THIS)).thenOnExit(hook("shutdownNowEnded", RETURN));
        Weave threadStart = Weave.onEnter(hook("threadStarting", THIS));
        Weave threadExit = Weave.onEnter(hook("threadExiting", THIS));
        Weave interrupt = Weave.onEnter(hook("interrupting", THIS));
        Weave asyncStage = Weave.onExit(hook("asyncStageCreated", RETURN));
        Weave timerFiring = Weave.onEnter(hook("timerTaskFiring", THIS));
        BridgeCall cancelEnded = hook("cancelEnded", RETURN, THIS);
        return List.of(
                new Hook("Thread.start", THREAD, named("start").args(""), threadStart, 17),
                new Hook("Thread.start(ThreadContainer)", THREAD, named("start").args(CONTAINER_ARG), threadStart, 21),
                new Hook("Thread.exit", THREAD, named("exit").args(""), threadExit, 17),
                new Hook("Thread.interrupt", THREAD, named("interrupt").args(""), interrupt, 17),
                new Hook("VirtualThread.start(ThreadContainer)", VIRTUAL_THREAD, named("start").args(CONTAINER_ARG),
                        threadStart, 21),
                new Hook("VirtualThread.<init>", VIRTUAL_THREAD,
                        constructors().args("Ljava/util/concurrent/Executor;Ljava/lang/String;I" + RUNNABLE_ARG),
                        Weave.onExit(hook("virtualThreadCreated", THIS, arg(3))), 21),
                new Hook("VirtualThread.interrupt", VIRTUAL_THREAD, named("interrupt").args(""), interrupt, 21),
                new Hook("VirtualThread.afterDone", VIRTUAL_THREAD, named("afterDone").args("Z"), threadExit, 21),

                new Hook("ThreadPoolExecutor.<init>", TPE, constructors(), created, 17),
                new Hook("ThreadPoolExecutor.execute", TPE, named("execute").args(RUNNABLE_ARG), submit, 17),
                new Hook("ThreadPoolExecutor.addWorker", TPE, named("addWorker").args(RUNNABLE_ARG + "Z"),
                        Weave.onEnter(hook("internalSpawnBegin", THIS)).thenOnExit(hook("internalSpawnEnd")), 17),
                new Hook("ThreadPoolExecutor.shutdown", TPE, named("shutdown").args(""), shutdown, 17),
                new Hook("ThreadPoolExecutor.tryTerminate", TPE, named("tryTerminate").args(""),
                        Weave.onExit(hook("executorMayHaveTerminated", THIS)), 17),
                new Hook("ForkJoinPool.shutdown", FJP, named("shutdown").args(""), shutdown, 17),
                new Hook("ThreadPoolExecutor.shutdownNow", TPE, named("shutdownNow").args(""), shutdownNow, 17),
                // the paths that drop a queued task unrun: its record ends there, not with the JVM
                new Hook("ThreadPoolExecutor.remove", TPE, named("remove").args(RUNNABLE_ARG),
                        Weave.onEnter(hook("removing", THIS, arg(0))).replacingArgument(0)
                                .thenOnReturn(hook("removed", RETURN, arg(0))), 17),
                new Hook("ThreadPoolExecutor.reject", TPE, named("reject").args(RUNNABLE_ARG),
                        Weave.onExit(hook("rejected", THIS, arg(0))), 17),
                new Hook("DiscardOldestPolicy.rejectedExecution", TPE + "$DiscardOldestPolicy",
                        named("rejectedExecution").args(RUNNABLE_ARG + "Ljava/util/concurrent/ThreadPoolExecutor;"),
                        Weave.onEnter(hook("discardingOldest", arg(1))).thenOnReturn(hook("discardedOldest", ENTER, arg(1))), 17),
                new Hook("ScheduledThreadPoolExecutor.delayedExecute", STPE,
                        named("delayedExecute").args("Ljava/util/concurrent/RunnableScheduledFuture;"),
                        Weave.onEnter(hook("scheduling", arg(0))), 17),

                new Hook("ForkJoinPool.<init>", FJP, constructors(), created, 17),
                new Hook("ForkJoinPool.execute(Runnable)", FJP, named("execute").args(RUNNABLE_ARG), submit, 17),
                // externalSubmit is also 17's private funnel of submit(Callable/Runnable) and invokeAll
                new Hook("ForkJoinPool.submit/execute/invoke/externalSubmit(ForkJoinTask)", FJP,
                        named("execute", "submit", "invoke", "externalSubmit", "lazySubmit").args(FJT_ARG),
                        Weave.onEnter(hook("forking", arg(0))), 17),
                new Hook("ForkJoinPool.poolSubmit", FJP, named("poolSubmit").args("Z" + FJT_ARG),
                        Weave.onEnter(hook("forking", arg(1))), 21),
                new Hook("ForkJoinPool.scheduleDelayedTask", FJP,
                        named("scheduleDelayedTask").args("Ljava/util/concurrent/DelayScheduler$ScheduledForkJoinTask;"),
                        Weave.onEnter(hook("delayedTaskScheduling", THIS, arg(0))), 25),
                new Hook("ScheduledForkJoinTask.cancel", SCHEDULED_FJT, named("cancel").args("Z"),
                        Weave.onEnter(hook("scheduledCancelling", THIS, arg(0))), 25),
                new Hook("ForkJoinPool.shutdownNow", FJP, named("shutdownNow").args(""), shutdownNow, 17),
                new Hook("ForkJoinTask.fork", FJT, named("fork").args(""), Weave.onEnter(hook("forking", THIS)), 17),
                new Hook("ForkJoinTask.doExec", FJT, named("doExec").args(""), run, 17),
                new Hook("ForkJoinTask.cancel", FJT, named("cancel").args("Z"),
                        Weave.onEnter(call("forkJoinCancelling", THIS, arg(0))).thenOnExit(cancelEnded), 17),
                // submit(Callable), invokeAll and friends return these on 25: their cancel overrides the one above
                new Hook("ForkJoinTask$InterruptibleTask.cancel", FJT + "$InterruptibleTask", named("cancel").args("Z"),
                        Weave.onEnter(call("forkJoinCancelling", THIS, arg(0))).thenOnExit(cancelEnded), 25),

                new Hook("FutureTask.run", FUTURE_TASK, named("run").args(""), run, 17),
                new Hook("FutureTask.runAndReset", FUTURE_TASK, named("runAndReset").args(""),
                        Weave.onEnter(hook("runStarting", THIS))
                                .thenOnExit(call("periodicRunEnded", RETURN, THIS, ENTER, THROWN)), 17),
                new Hook("FutureTask.cancel", FUTURE_TASK, named("cancel").args("Z"),
                        Weave.onEnter(call("futureCancelling", THIS, arg(0))).thenOnExit(cancelEnded), 17),

                new Hook("CompletableFuture.asyncSupplyStage", CF,
                        named("asyncSupplyStage").args("Ljava/util/concurrent/Executor;Ljava/util/function/Supplier;"),
                        asyncStage, 17),
                new Hook("CompletableFuture.asyncRunStage", CF,
                        named("asyncRunStage").args("Ljava/util/concurrent/Executor;" + RUNNABLE_ARG), asyncStage, 17),
                new Hook("CompletableFuture.cancel", CF, named("cancel").args("Z"),
                        Weave.onExit(call("futureCancelled", RETURN, THIS, arg(0))), 17),
                new Hook("CompletableFuture.complete", CF, named("complete").args(OBJECT_ARG).returning("Z"),
                        Weave.onExit(call("futureCompleted", RETURN, THIS)), 17),
                new Hook("CompletableFuture.completeExceptionally", CF,
                        named("completeExceptionally").args("Ljava/lang/Throwable;"),
                        Weave.onExit(call("futureFailed", RETURN, THIS, arg(0))), 17),
                new Hook("CompletableFuture$AsyncSupply.run", CF + "$AsyncSupply", named("run").args(""), run, 17),
                new Hook("CompletableFuture$AsyncRun.run", CF + "$AsyncRun", named("run").args(""), run, 17),
                new Hook("CompletableFuture$Completion.run", CF + "$Completion", named("run").args(""), run, 17),

                new Hook("TaskQueue.add(TimerTask)", TIMER_QUEUE, named("add").args("Ljava/util/TimerTask;"),
                        Weave.onEnter(hook("timerTaskScheduled", arg(0))), 17),
                new Hook("TaskQueue.removeMin", TIMER_QUEUE, named("removeMin").args(""), timerFiring, 17),
                new Hook("TaskQueue.rescheduleMin", TIMER_QUEUE, named("rescheduleMin").args("J"), timerFiring, 17),
                new Hook("TaskQueue.isEmpty", TIMER_QUEUE, named("isEmpty").args(""),
                        Weave.onEnter(hook("timerLoopPolled")), 17),
                new Hook("TaskQueue.clear", TIMER_QUEUE, named("clear").args(""),
                        Weave.onEnter(hook("timerQueueClearing", THIS)), 17),
                new Hook("Timer.cancel", TIMER, named("cancel").args(""), Weave.onEnter(hook("timerCancelling", THIS)), 17),
                new Hook("TimerTask.cancel", TIMER_TASK, named("cancel").args(""),
                        Weave.onExit(hook("timerTaskCancelled", THIS)), 17),
                new Hook("CompletableFuture$ThreadPerTaskExecutor.execute", CF + "$ThreadPerTaskExecutor",
                        named("execute").args(RUNNABLE_ARG),
                        Weave.onEnter(call("submittingToNewThread", THIS, arg(0))).replacingArgument(0)
                                .thenOnExit(call("submitToNewThreadEnded", arg(0), THROWN)), 0));
    }

    /** A blocking call: the enter call records it on the running task, the exit (return or throw) clears it. */
    private static Hook blocking(String label, String type, MethodMatcher methods, BridgeCall enter, int sinceFeature) {
        return new Hook(label, type, methods, Weave.onEnter(enter).thenOnExit(hook("blockingExit", ENTER)), sinceFeature);
    }

    private static BridgeCall hook(String name, Source... sources) {
        return new BridgeCall(Hooks.class, name, sources);
    }

    private static BridgeCall call(String name, Source... sources) {
        return new BridgeCall(WovenCalls.class, name, sources);
    }
}
