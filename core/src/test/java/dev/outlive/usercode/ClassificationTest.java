package dev.outlive.usercode;

import dev.outlive.ScopeKind;
import dev.outlive.core.LiveTasks;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.leak.TrackerSettings;
import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.ExecutorRecord;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classification read off real threads' states and stacks, executors left open, and full dumps. */
class ClassificationTest {
    private final TestRuntime rt = new TestRuntime(TrackerSettings.defaults().withGraceMillis(100));

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private Finding leakOf(Runnable body, TaskKind kind, Thread.State awaited) throws Exception {
        ScopeNode scope = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            body.run();
            awaitQuietly(release);
        }, "worker");
        t.setDaemon(true);
        TaskRecord task = TaskRecord.spawn(kind, "worker", scope, StackSnapshot.capture());
        task.begin(t);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != awaited && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        task.cancel("Future.cancel(false)");
        rt.time.advanceMillis(100);
        assertEquals(1, rt.leaks.size());
        return rt.leaks.get(0);
    }

    @Test
    void aSleepingTaskIsBlockedAfterCancelEvenWithoutAHook() throws Exception {
        Finding f = leakOf(() -> sleepQuietly(60_000), TaskKind.EXECUTOR_TASK, Thread.State.TIMED_WAITING);
        assertEquals(LeakKind.BLOCKED_AFTER_CANCEL, f.kind());
        assertEquals("java.lang.Thread.sleep", f.blockingCall().method());
        assertNull(f.blockingCall().since(), "read off the stack: the start was not seen");
        assertEquals(-1, f.blockingCall().blockedMillis());
        assertEquals("BLOCKED", f.task().state());
        assertTrue(f.hint().contains("sleeps"), f.hint());
    }

    @Test
    void aParkedTaskNamesItsBlocker() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Finding f = leakOf(() -> awaitQuietly(never), TaskKind.EXECUTOR_TASK, Thread.State.WAITING);
        assertEquals(LeakKind.BLOCKED_AFTER_CANCEL, f.kind());
        assertEquals("java.util.concurrent.locks.LockSupport.park", f.blockingCall().method());
        assertTrue(f.blockingCall().parkBlocker().startsWith("java.util.concurrent.CountDownLatch$Sync@"),
                f.blockingCall().parkBlocker());
    }

    @Test
    void aThreadWhoseScopeEndedWhileItWaitsIsLingering() throws Exception {
        ScopeNode scope = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        CountDownLatch never = new CountDownLatch(1);
        Thread t = new Thread(() -> awaitQuietly(never), "idle-loop");
        t.setDaemon(true);
        TaskRecord task = TaskRecord.spawn(TaskKind.THREAD, "idle-loop", scope, StackSnapshot.capture());
        task.begin(t);
        t.start();
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        scope.cancel("closed");
        rt.time.advanceMillis(100);
        assertEquals(LeakKind.LINGERING_THREAD, rt.leaks.get(0).kind());
    }

    @Test
    void anExecutorLeftOpenAfterItsScopeEndedIsReportedOnce() throws Exception {
        ScopeNode request = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            pool.submit(() -> 1).get();
            ExecutorRecord record = ExecutorRecord.created(request, "pool", pool, StackSnapshot.capture());
            request.cancel("closed");
            rt.time.advanceMillis(100);
            assertEquals(1, rt.leaks.size());
            Finding f = rt.leaks.get(0);
            assertEquals(LeakKind.UNCLOSED_EXECUTOR, f.kind());
            assertEquals("EXECUTOR", f.task().kind());
            assertTrue(f.spawnStack().get(0).contains("anExecutorLeftOpenAfterItsScopeEndedIsReportedOnce"), f.spawnStack().toString());
            request.cancel("again");
            rt.time.advanceMillis(1_000);
            assertEquals(1, rt.leaks.size());
            assertEquals(List.of("jvm", "request", "pool"), record.path());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorShutDownInTimeIsNotReported() throws Exception {
        ScopeNode request = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> 1).get();
        ExecutorRecord record = ExecutorRecord.created(request, "pool", pool, StackSnapshot.EMPTY);
        pool.shutdown();
        record.shutDown();
        request.cancel("closed");
        rt.time.advanceMillis(1_000);
        assertEquals(List.of(), rt.leaks);
    }

    @Test
    void executorsOfTheMainScopeAreApplicationLifetime() throws Exception {
        ScopeNode main = ScopeNode.child(rt.runtime.root(), ScopeKind.MAIN, "main");
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            pool.submit(() -> 1).get();
            ExecutorRecord.created(main, "pool", pool, StackSnapshot.EMPTY);
            assertTrue(!main.isPinned(), "not linked: never a leak candidate");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void liveTasksFindsThreadsAndTasksOfCancellableScopes() {
        ScopeNode request = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        TaskRecord queued = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "q", request, StackSnapshot.EMPTY);
        assertTrue(LiveTasks.snapshot().contains(queued));
        queued.finish();
        assertTrue(!LiveTasks.snapshot().contains(queued));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
