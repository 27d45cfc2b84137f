package dev.outlive.sample.cases;

import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A virtual thread still running after its executor's {@code shutdownNow()}: the task swallows the
 * interrupt that {@code shutdownNow()} sends. JDK 21+ only; the executor is made through a method
 * handle so the sample still compiles for and runs on 17 (where the case is skipped).
 */
public final class VirtualAfterShutdownNow implements Case {
    /**
     * One task per variant: a CPU-bound virtual thread keeps its carrier, and the carriers are as many
     * as the CPUs, so more spinning leaks could starve the fixed variant's threads on a small machine.
     */
    private static final int TASKS = 1;

    @Override
    public String name() {
        return "virtual-shutdown";
    }

    @Override
    public String summary() {
        return "a virtual thread that swallows the interrupt of shutdownNow()";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public int minJdk() {
        return 21;
    }

    @Override
    public void runLeaky(Env env) throws Exception {
        ExecutorService executor = newVirtualThreadPerTaskExecutor();
        CountDownLatch started = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            executor.submit(() -> {
                started.countDown();
                long x = 0;
                while (!env.stopping()) {
                    x = Env.busyWork(x);
                    if (Thread.interrupted()) {
                        x++; // "handled": the interrupt is cleared and forgotten
                    }
                }
                return x;
            });
        }
        Env.await(started, name());
        executor.shutdownNow();
    }

    @Override
    public void runFixed(Env env) throws Exception {
        ExecutorService executor = newVirtualThreadPerTaskExecutor();
        CountDownLatch started = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            executor.submit(() -> {
                started.countDown();
                long x = 0;
                while (!Thread.currentThread().isInterrupted() && !env.stopping()) {
                    x = Env.busyWork(x);
                }
                return x; // the interrupt ends the task
            });
        }
        Env.await(started, name());
        executor.shutdownNow();
        executor.awaitTermination(Env.MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up at run time (JDK 21+). */
    static ExecutorService newVirtualThreadPerTaskExecutor() throws Exception {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
