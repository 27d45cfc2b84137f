package dev.outlive.agent.instrument;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Every JDK method Outlive hooks, by name and arity (internals move between releases; see
 * {@code shared/research/agent-technique.md}). A hook whose method does not exist on the running JDK
 * is reported by the self-test if it was expected there.
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
    private static final String CONTAINER = "jdk.internal.vm.ThreadContainer";

    private JdkHooks() {
    }

    /** Every hook, the blocking-call ones only when {@code blocking=true}. */
    static List<Hook> all(boolean blocking) {
        List<Hook> hooks = new java.util.ArrayList<>(spawnsAndCancellations());
        if (blocking) {
            hooks.addAll(blockingCalls());
        }
        return hooks;
    }

    /**
     * Blocking points. Native methods cannot take advice without JVM flags (JDK 17's
     * {@code Thread.sleep(long)} and {@code Object.wait(long)}): those calls are read off the thread's
     * stack when a leak is reported instead.
     */
    static List<Hook> blockingCalls() {
        String object = "java.lang.Object";
        String socket = "sun.nio.ch.NioSocketImpl";
        return List.of(
                new Hook("LockSupport.park(blocker)", LOCK_SUPPORT, named("park").and(takesArguments(Object.class)),
                        BlockingAdvice.ParkBlocker.class, 17),
                new Hook("LockSupport.park()", LOCK_SUPPORT, named("park").and(takesArguments(0)), BlockingAdvice.Untimed.class, 17),
                new Hook("LockSupport.parkNanos(blocker, long)", LOCK_SUPPORT,
                        named("parkNanos").and(takesArguments(Object.class, long.class)), BlockingAdvice.ParkBlockerNanos.class, 17),
                new Hook("LockSupport.parkNanos(long)", LOCK_SUPPORT, named("parkNanos").and(takesArguments(long.class)),
                        BlockingAdvice.ParkNanos.class, 17),
                new Hook("LockSupport.parkUntil(blocker, long)", LOCK_SUPPORT,
                        named("parkUntil").and(takesArguments(Object.class, long.class)), BlockingAdvice.ParkBlockerUntil.class, 17),
                new Hook("LockSupport.parkUntil(long)", LOCK_SUPPORT, named("parkUntil").and(takesArguments(long.class)),
                        BlockingAdvice.ParkUntil.class, 17),
                new Hook("Thread.sleep(long[, int])", THREAD, named("sleep").and(isStatic()).and(not(isNative()))
                        .and(takesArgument(0, long.class)), BlockingAdvice.SleepMillis.class, 17),
                new Hook("Thread.sleep(Duration)", THREAD, named("sleep").and(isStatic())
                        .and(takesArguments(java.time.Duration.class)), BlockingAdvice.WithDuration.class, 19),
                new Hook("Thread.join()", THREAD, named("join").and(takesArguments(0)), BlockingAdvice.Untimed.class, 17),
                new Hook("Thread.join(long[, int])", THREAD, named("join").and(not(isNative())).and(takesArgument(0, long.class)),
                        BlockingAdvice.WaitMillis.class, 17),
                new Hook("Thread.join(Duration)", THREAD, named("join").and(takesArguments(java.time.Duration.class)),
                        BlockingAdvice.WithDuration.class, 19),
                new Hook("Object.wait()", object, named("wait").and(takesArguments(0)).and(not(isNative())),
                        BlockingAdvice.Untimed.class, 17),
                new Hook("Object.wait(long[, int])", object, named("wait").and(not(isNative())).and(takesArgument(0, long.class)),
                        BlockingAdvice.WaitMillis.class, 17),
                new Hook("NioSocketImpl.park(fd, event)", socket, named("park").and(takesArguments(2)),
                        BlockingAdvice.Socket.class, 17),
                new Hook("NioSocketImpl.park(fd, event, nanos)", socket, named("park").and(takesArguments(3)),
                        BlockingAdvice.SocketTimed.class, 17));
    }

    static List<Hook> spawnsAndCancellations() {
        return List.of(
                new Hook("Thread.start", THREAD, named("start").and(takesArguments(0)), ThreadAdvice.Start.class, 17),
                new Hook("Thread.start(ThreadContainer)", THREAD,
                        named("start").and(takesArguments(1)).and(takesArgument(0, named(CONTAINER))), ThreadAdvice.Start.class, 21),
                new Hook("Thread.exit", THREAD, named("exit").and(takesArguments(0)), ThreadAdvice.Exit.class, 17),
                new Hook("Thread.interrupt", THREAD, named("interrupt").and(takesArguments(0)), ThreadAdvice.Interrupt.class, 17),
                new Hook("VirtualThread.start(ThreadContainer)", VIRTUAL_THREAD,
                        named("start").and(takesArguments(1)).and(takesArgument(0, named(CONTAINER))), ThreadAdvice.Start.class, 21),
                new Hook("VirtualThread.interrupt", VIRTUAL_THREAD, named("interrupt").and(takesArguments(0)),
                        ThreadAdvice.Interrupt.class, 21),
                new Hook("VirtualThread.afterDone", VIRTUAL_THREAD, named("afterDone").and(takesArguments(1)), ThreadAdvice.Exit.class, 21),

                new Hook("ThreadPoolExecutor.<init>", TPE, isConstructor(), ExecutorAdvice.Created.class, 17),
                new Hook("ThreadPoolExecutor.execute", TPE, named("execute").and(takesArguments(Runnable.class)), ExecutorAdvice.Submit.class, 17),
                new Hook("ThreadPoolExecutor.addWorker", TPE, named("addWorker").and(takesArguments(2)), ExecutorAdvice.AddWorker.class, 17),
                new Hook("ThreadPoolExecutor.shutdown", TPE, named("shutdown").and(takesArguments(0)), ExecutorAdvice.Shutdown.class, 17),
                new Hook("ForkJoinPool.shutdown", FJP, named("shutdown").and(takesArguments(0)), ExecutorAdvice.Shutdown.class, 17),
                new Hook("ThreadPoolExecutor.shutdownNow", TPE, named("shutdownNow").and(takesArguments(0)), ExecutorAdvice.ShutdownNow.class, 17),
                new Hook("ScheduledThreadPoolExecutor.delayedExecute", STPE,
                        named("delayedExecute").and(takesArguments(1)), ExecutorAdvice.Schedule.class, 17),

                new Hook("ForkJoinPool.<init>", FJP, isConstructor(), ExecutorAdvice.Created.class, 17),
                new Hook("ForkJoinPool.execute(Runnable)", FJP, named("execute").and(takesArguments(Runnable.class)), ExecutorAdvice.Submit.class, 17),
                new Hook("ForkJoinPool.submit/execute/invoke(ForkJoinTask)", FJP,
                        named("execute").or(named("submit")).or(named("invoke"))
                                .and(takesArguments(1)).and(takesArgument(0, named(FJT))), ExecutorAdvice.Fork.class, 17),
                new Hook("ForkJoinPool.scheduleDelayedTask", FJP,
                        named("scheduleDelayedTask").and(takesArguments(1)), ExecutorAdvice.DelayedSchedule.class, 25),
                new Hook("ForkJoinPool.submitWithTimeout", FJP,
                        named("submitWithTimeout").and(not(isStatic())), ExecutorAdvice.Scheduled.class, 25),
                new Hook("ScheduledForkJoinTask.cancel", SCHEDULED_FJT,
                        named("cancel").and(takesArguments(boolean.class)), ExecutorAdvice.ScheduledCancel.class, 25),
                new Hook("ForkJoinPool.shutdownNow", FJP, named("shutdownNow").and(takesArguments(0)), ExecutorAdvice.ShutdownNow.class, 17),
                new Hook("ForkJoinTask.fork", FJT, named("fork").and(takesArguments(0)), ExecutorAdvice.ForkSelf.class, 17),
                new Hook("ForkJoinTask.doExec", FJT, named("doExec").and(takesArguments(0)), ExecutorAdvice.Run.class, 17),
                new Hook("ForkJoinTask.cancel", FJT, named("cancel").and(takesArguments(boolean.class)), ExecutorAdvice.ForkJoinCancel.class, 17),

                new Hook("FutureTask.run", FUTURE_TASK, named("run").and(takesArguments(0)), ExecutorAdvice.Run.class, 17),
                new Hook("FutureTask.runAndReset", FUTURE_TASK, named("runAndReset").and(takesArguments(0)), ExecutorAdvice.RunPeriodic.class, 17),
                new Hook("FutureTask.cancel", FUTURE_TASK, named("cancel").and(takesArguments(boolean.class)), ExecutorAdvice.FutureCancel.class, 17),

                new Hook("CompletableFuture.asyncSupplyStage", CF, named("asyncSupplyStage").and(takesArguments(2)),
                        CompletableFutureAdvice.AsyncStage.class, 17),
                new Hook("CompletableFuture.asyncRunStage", CF, named("asyncRunStage").and(takesArguments(2)),
                        CompletableFutureAdvice.AsyncStage.class, 17),
                new Hook("CompletableFuture.cancel", CF, named("cancel").and(takesArguments(boolean.class)),
                        CompletableFutureAdvice.Cancel.class, 17),
                new Hook("CompletableFuture.complete", CF, named("complete").and(takesArguments(1)).and(returns(boolean.class)),
                        CompletableFutureAdvice.Complete.class, 17),
                new Hook("CompletableFuture.completeExceptionally", CF,
                        named("completeExceptionally").and(takesArguments(Throwable.class)),
                        CompletableFutureAdvice.CompleteExceptionally.class, 17),
                new Hook("CompletableFuture$AsyncSupply.run", CF + "$AsyncSupply", named("run").and(takesArguments(0)),
                        ExecutorAdvice.Run.class, 17),
                new Hook("CompletableFuture$AsyncRun.run", CF + "$AsyncRun", named("run").and(takesArguments(0)),
                        ExecutorAdvice.Run.class, 17),
                new Hook("CompletableFuture$Completion.run", CF + "$Completion", named("run").and(takesArguments(0)),
                        ExecutorAdvice.Run.class, 17),

                new Hook("TaskQueue.add(TimerTask)", TIMER_QUEUE, named("add").and(takesArguments(1)),
                        TimerAdvice.Scheduled.class, 17),
                new Hook("TaskQueue.removeMin", TIMER_QUEUE, named("removeMin").and(takesArguments(0)),
                        TimerAdvice.Firing.class, 17),
                new Hook("TaskQueue.rescheduleMin", TIMER_QUEUE, named("rescheduleMin").and(takesArguments(long.class)),
                        TimerAdvice.Firing.class, 17),
                new Hook("TaskQueue.isEmpty", TIMER_QUEUE, named("isEmpty").and(takesArguments(0)),
                        TimerAdvice.LoopPolled.class, 17),
                new Hook("TaskQueue.clear", TIMER_QUEUE, named("clear").and(takesArguments(0)),
                        TimerAdvice.Cleared.class, 17),
                new Hook("Timer.cancel", TIMER, named("cancel").and(takesArguments(0)), TimerAdvice.TimerCancel.class, 17),
                new Hook("TimerTask.cancel", TIMER_TASK, named("cancel").and(takesArguments(0)),
                        TimerAdvice.TaskCancel.class, 17),
                new Hook("CompletableFuture$ThreadPerTaskExecutor.execute", CF + "$ThreadPerTaskExecutor",
                        named("execute").and(takesArguments(Runnable.class)), ExecutorAdvice.SubmitToNewThread.class, 0));
    }
}
