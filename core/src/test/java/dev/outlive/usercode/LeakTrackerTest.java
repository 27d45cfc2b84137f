package dev.outlive.usercode;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.leak.TrackerSettings;

import dev.outlive.ScopeKind;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakTrackerTest {
    private TestRuntime rt = new TestRuntime(TrackerSettings.defaults().withGraceMillis(500));

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private ScopeNode scope(String name) {
        return ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, name);
    }

    private static TaskRecord running(ScopeNode owner, TaskKind kind) {
        TaskRecord t = TaskRecord.spawn(kind, "com.acme.Worker", owner, StackSnapshot.capture());
        t.begin(Thread.currentThread());
        return t;
    }

    @Test
    void aTaskStillRunningAfterGraceIsReportedOnceWithItsStacks() {
        ScopeNode request = scope("request");
        TaskRecord t = running(request, TaskKind.EXECUTOR_TASK);
        request.cancel("request ended");
        rt.time.advanceMillis(499);
        assertEquals(List.of(), rt.leaks, "nothing is reported inside the grace period");
        rt.time.advanceMillis(1);
        assertEquals(1, rt.leaks.size());
        Finding f = rt.leaks.get(0);
        assertEquals("L1", f.id());
        assertEquals(LeakKind.IGNORED_CANCELLATION, f.kind());
        assertEquals(t.id(), f.task().id());
        assertEquals("EXECUTOR_TASK", f.task().kind());
        assertEquals("RUNNING", f.task().state());
        assertEquals(Thread.currentThread().getName(), f.task().thread().name());
        assertEquals(List.of("jvm", "request"), f.scope().path());
        assertEquals("request ended", f.scope().cancelReason());
        assertEquals("EXPLICIT", f.scope().kind());
        assertTrue(f.scope().cancelStack().get(0).contains("aTaskStillRunningAfterGraceIsReportedOnceWithItsStacks"),
                f.scope().cancelStack().toString());
        assertTrue(f.spawnStack().get(0).contains("LeakTrackerTest.running"), f.spawnStack().toString());
        assertFalse(f.currentStack().isEmpty());
        assertEquals(500, f.overdueMillis());
        assertFalse(f.hint().isBlank());

        rt.time.advanceMillis(10_000);
        request.cancel("again");
        rt.time.advanceMillis(10_000);
        assertEquals(1, rt.leaks.size(), "a leak is reported once");
    }

    @Test
    void aTaskThatEndsWithinGraceIsNotALeak() {
        ScopeNode request = scope("request");
        TaskRecord t = running(request, TaskKind.EXECUTOR_TASK);
        request.cancel("done");
        rt.time.advanceMillis(300);
        t.finish();
        rt.time.advanceMillis(1_000);
        assertEquals(List.of(), rt.leaks);
    }

    @Test
    void aTaskOfAnUncancelledScopeIsNeverALeak() {
        ScopeNode a = scope("a");
        ScopeNode b = scope("b");
        running(a, TaskKind.EXECUTOR_TASK);
        b.cancel("b only");
        rt.time.advanceMillis(60_000);
        assertEquals(List.of(), rt.leaks);
    }

    @Test
    void aLeakThatEndsLaterGetsALateFinish() {
        ScopeNode request = scope("request");
        TaskRecord t = running(request, TaskKind.EXECUTOR_TASK);
        request.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
        assertNull(rt.leaks.get(0).lateFinish());
        rt.time.advanceMillis(700);
        t.finish();
        assertEquals(1, rt.late.size());
        assertEquals(1_200, rt.leaks.get(0).lateFinish().millisAfterCancel());
    }

    @Test
    void nestedTasksAreFoundThroughTheirOwnersAndCarryTheirAncestry() {
        ScopeNode request = scope("request");
        TaskRecord parent = running(request, TaskKind.THREAD);
        TaskRecord child = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "child", parent, StackSnapshot.capture());
        child.begin(Thread.currentThread());
        parent.finish();
        request.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
        Finding f = rt.leaks.get(0);
        assertEquals(child.id(), f.task().id());
        assertEquals(1, f.ancestry().size());
        assertEquals(parent.id(), f.ancestry().get(0).taskId());
        assertEquals("THREAD", f.ancestry().get(0).kind());
        assertFalse(f.ancestry().get(0).spawnStack().isEmpty());
    }

    @Test
    void aTaskCancelledDirectlyIsChecked() {
        ScopeNode main = ScopeNode.child(rt.runtime.root(), ScopeKind.MAIN, "main");
        TaskRecord t = running(main, TaskKind.EXECUTOR_TASK);
        t.cancel("Future.cancel(false)");
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
        assertEquals("TASK", rt.leaks.get(0).scope().kind());
        assertEquals(List.of("jvm", "main", "task-" + t.id()), rt.leaks.get(0).scope().path());
    }

    @Test
    void aTaskSpawnedAfterCancellationGetsItsOwnGrace() {
        ScopeNode request = scope("request");
        request.cancel("done");
        rt.time.advanceMillis(400);
        running(request, TaskKind.EXECUTOR_TASK);
        rt.time.advanceMillis(499);
        assertEquals(List.of(), rt.leaks);
        rt.time.advanceMillis(1);
        assertEquals(1, rt.leaks.size());
    }

    @Test
    void queuedTasksAreNotLeaksUntilTheyRun() {
        ScopeNode request = scope("request");
        TaskRecord queued = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "q", request, StackSnapshot.EMPTY);
        request.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(List.of(), rt.leaks);
        queued.begin(Thread.currentThread()); // it ran anyway, for nobody
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
    }

    @Test
    void classificationFollowsTheBlockingCall() {
        ScopeNode request = scope("request");
        TaskRecord interruptible = running(request, TaskKind.EXECUTOR_TASK);
        interruptible.enterBlocking("java.util.concurrent.locks.LockSupport.park", rt.time.nanoTime(), true,
                "java.util.concurrent.CountDownLatch$Sync@1a2b");
        TaskRecord socket = running(request, TaskKind.EXECUTOR_TASK);
        socket.enterBlocking("sun.nio.ch.NioSocketImpl.park", rt.time.nanoTime(), false, null);
        request.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(2, rt.leaks.size());
        Finding parked = rt.leaks.stream().filter(f -> f.task().id() == interruptible.id()).findFirst().orElseThrow();
        Finding reading = rt.leaks.stream().filter(f -> f.task().id() == socket.id()).findFirst().orElseThrow();
        assertEquals(LeakKind.BLOCKED_AFTER_CANCEL, parked.kind());
        assertEquals("BLOCKED", parked.task().state());
        assertEquals("java.util.concurrent.CountDownLatch$Sync@1a2b", parked.blockingCall().parkBlocker());
        assertEquals(500, parked.blockingCall().blockedMillis());
        assertEquals(LeakKind.BLOCKED_UNINTERRUPTIBLE, reading.kind());
        assertTrue(reading.hint().contains("SO_TIMEOUT"), reading.hint());
    }

    @Test
    void aThreadBlockedOnAMonitorIsUninterruptible() throws Exception {
        Object lock = new Object();
        CountDownLatch started = new CountDownLatch(1);
        ScopeNode request = scope("request");
        Thread blocked;
        synchronized (lock) {
            blocked = new Thread(() -> {
                started.countDown();
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
            TaskRecord t = TaskRecord.spawn(TaskKind.THREAD, "blocked", request, StackSnapshot.EMPTY);
            t.begin(blocked);
            blocked.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (blocked.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            t.cancel("interrupt()");
            rt.time.advanceMillis(500);
        }
        blocked.join(10_000);
        assertEquals(1, rt.leaks.size());
        assertEquals(LeakKind.BLOCKED_UNINTERRUPTIBLE, rt.leaks.get(0).kind());
    }

    @Test
    void aThreadLeftBehindByAnEndedScopeIsLingering() {
        ScopeNode test = scope("test");
        running(test, TaskKind.THREAD);
        test.cancel("test finished");
        rt.time.advanceMillis(500);
        assertEquals(LeakKind.LINGERING_THREAD, rt.leaks.get(0).kind());
    }

    @Test
    void ignorePatternsDropMatchingLeaks() {
        rt.close();
        rt = new TestRuntime(TrackerSettings.defaults().withGraceMillis(500)
                .withIgnore(IgnoreFilter.parse("dev.outlive.usercode.LeakTrackerTest.running")));
        ScopeNode request = scope("request");
        running(request, TaskKind.EXECUTOR_TASK);
        request.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(List.of(), rt.leaks);
        assertEquals(1, rt.tracker.ignoredCount());
    }

    @Test
    void baselineSignaturesMakeLeaksKnown() {
        ScopeNode first = scope("request");
        running(first, TaskKind.EXECUTOR_TASK);
        first.cancel("done");
        rt.time.advanceMillis(500);
        String signature = rt.leaks.get(0).signature();

        rt.close();
        rt = new TestRuntime(TrackerSettings.defaults().withGraceMillis(500).withKnownSignatures(Set.of(signature)));
        ScopeNode second = scope("request");
        running(second, TaskKind.EXECUTOR_TASK);
        second.cancel("done");
        rt.time.advanceMillis(500);
        assertEquals(List.of(), rt.leaks);
        assertEquals(1, rt.known.size());
        assertEquals(signature, rt.known.get(0).signature());
        assertEquals(1, rt.tracker.knownLeaks().size());
    }

    @Test
    void checksAreScheduledOnlyForCancelledScopes() {
        for (int i = 0; i < 1_000; i++) {
            running(scope("busy" + i), TaskKind.EXECUTOR_TASK);
        }
        ScopeNode cancelled = scope("cancelled");
        running(cancelled, TaskKind.EXECUTOR_TASK);
        cancelled.cancel("done");
        assertEquals(1, rt.time.pending(), "one check for the cancelled scope, none for the 1000 live ones");
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
    }

    @Test
    void aSecondCancellationOfTheSameTreeDoesNotReportTwice() {
        ScopeNode outer = scope("outer");
        ScopeNode inner = ScopeNode.child(outer, ScopeKind.EXPLICIT, "inner");
        running(inner, TaskKind.EXECUTOR_TASK);
        inner.cancel("inner first");
        outer.cancel("outer later");
        rt.time.advanceMillis(500);
        assertEquals(1, rt.leaks.size());
        assertEquals("inner first", rt.leaks.get(0).scope().cancelReason());
        assertNotNull(rt.leaks.get(0).signature());
    }
}
