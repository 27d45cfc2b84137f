package dev.outlive.core.task;

import dev.outlive.ScopeKind;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRecordTest {
    private final TestRuntime rt = new TestRuntime();

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private TaskRecord task(TaskKind kind, String description) {
        ScopeNode owner = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        return TaskRecord.spawn(kind, description, owner, StackSnapshot.capture());
    }

    @Test
    void kindsAndFlagsShareTheStateWordWithoutDisturbingEachOther() {
        for (TaskKind kind : TaskKind.values()) {
            TaskRecord t = task(kind, "work");
            assertEquals(kind, t.taskKind());
            assertEquals(ScopeKind.TASK, t.kind());
            assertTrue(t.claimLateBlockingWarning());
            assertFalse(t.claimLateBlockingWarning(), "one warning per task");
            t.begin(Thread.currentThread());
            assertEquals(TaskState.RUNNING, t.state());
            assertTrue(t.markReported("finding"));
            assertFalse(t.markReported("again"));
            t.finish();
            assertEquals(TaskState.DONE, t.state());
            assertEquals(kind, t.taskKind(), "the kind survives every state change");
            assertEquals("work", t.description());
            assertEquals("task-" + t.id(), t.name());
            assertTrue(t.isReported());
            assertNull(t.takeReport(), "the end of a reported task handed its finding to the tracker, once");
        }
    }

    @Test
    void theFindingIsKeptUntilTakenOnce() {
        TaskRecord t = task(TaskKind.EXECUTOR_TASK, "work");
        assertNull(t.takeReport(), "nothing before a report");
        assertTrue(t.markReported("finding"));
        assertFalse(t.markReported("again"), "reported once");
        assertEquals("finding", t.takeReport(), "the first finding, not the second");
        assertNull(t.takeReport(), "handed over once");
        assertTrue(t.isReported(), "still claimed: never reported again");
    }

    @Test
    void aQueuedTaskDroppedUnrunIsOverAndNeverStarts() {
        long live = TaskRecord.liveCount();
        TaskRecord t = task(TaskKind.SCHEDULED_TASK, "housekeeper");
        assertEquals(live + 1, TaskRecord.liveCount());
        assertFalse(t.isRunning(), "queued: no thread does its work");
        assertTrue(t.drop());
        assertTrue(t.isDone());
        assertFalse(t.drop(), "dropped once");
        assertEquals(live, TaskRecord.liveCount(), "nothing held for it any more");
        t.begin(Thread.currentThread());
        assertTrue(t.isDone(), "a run that comes too late does not revive it");
        assertFalse(t.isRunning());
    }

    @Test
    void aRunningTaskIsNotDroppedItsRunEndsIt() {
        TaskRecord t = task(TaskKind.EXECUTOR_TASK, "work");
        t.begin(Thread.currentThread());
        assertTrue(t.isRunning());
        assertFalse(t.drop(), "a thread took it first");
        assertEquals(TaskState.RUNNING, t.state());
        t.endRun();
        assertFalse(t.isRunning(), "between two runs of a periodic task");
        assertTrue(t.drop(), "a periodic task cancelled between runs never runs again");
    }

    @Test
    void aRunThatEndsAfterTheNextRunBeganOnAnotherThreadLeavesThatRunRunning() throws InterruptedException {
        TaskRecord t = task(TaskKind.SCHEDULED_TASK, "periodic");
        t.begin(Thread.currentThread());
        Thread next = new Thread(() -> t.begin(Thread.currentThread()), "next-run");
        next.start();
        next.join(); // the next run began on its own worker while this one had not returned yet
        t.endRun();
        assertSame(next, t.thread(), "the next run is still running, on its thread");
        assertEquals(TaskState.RUNNING, t.state());
    }

    @Test
    void aFinishedTaskDoesNotStartAgain() {
        TaskRecord t = task(TaskKind.EXECUTOR_TASK, "work");
        t.finish();
        t.begin(Thread.currentThread());
        assertTrue(t.isDone());
        assertNull(t.thread());
    }

    @Test
    void resumeRemembersWhatWasCurrentInEveryShape() {
        TaskRecord outer = task(TaskKind.EXECUTOR_TASK, "outer");
        ScopeNode scopeInOuter = ScopeNode.child(outer, ScopeKind.EXPLICIT, "inner");
        TaskRecord t = task(TaskKind.EXECUTOR_TASK, "nested");

        t.saveResume(null, null);
        assertNull(t.resumeScope());
        assertNull(t.resumeTask());
        t.saveResume(outer, outer);
        assertSame(outer, t.resumeScope());
        assertSame(outer, t.resumeTask());
        t.saveResume(scopeInOuter, outer);
        assertSame(scopeInOuter, t.resumeScope());
        assertSame(outer, t.resumeTask());
        t.saveResume(scopeInOuter, null);
        assertSame(scopeInOuter, t.resumeScope());
        assertNull(t.resumeTask());
    }

    @Test
    void theBlockingCallIsHeldUntilItReturns() {
        TaskRecord t = task(TaskKind.THREAD, "worker");
        t.begin(Thread.currentThread());
        Object blocker = new Object();
        t.enterBlocking("java.util.concurrent.locks.LockSupport.park", 42, true, blocker);
        assertEquals(TaskState.BLOCKED, t.state());
        BlockingCall call = t.blockingCall();
        assertEquals("java.util.concurrent.locks.LockSupport.park", call.method());
        assertEquals(42, call.sinceNanos());
        assertTrue(call.interruptible());
        assertTrue(call.sinceKnown());
        assertEquals(BlockingCall.describeBlocker(blocker), call.parkBlocker());
        t.leaveBlocking();
        assertNull(t.blockingCall());
        assertEquals(TaskState.RUNNING, t.state());
        t.enterBlocking("sun.nio.ch.NioSocketImpl.park", 43, false, null);
        assertFalse(t.blockingCall().interruptible(), "interruptibility is per call");
        assertNull(t.blockingCall().parkBlocker(), "the last call's blocker is not kept");
    }

    /**
     * A reader on another thread must see one call whole, never the method of one call with the start
     * time or blocker of another, while the running thread enters and leaves calls as fast as it can.
     * Each call's fields are derived from one counter, so a torn read shows as a mismatch.
     */
    @Test
    void readersOnOtherThreadsNeverSeeHalfOfTwoCalls() throws Exception {
        TaskRecord t = task(TaskKind.THREAD, "busy");
        String[] methods = new String[64];
        Long[] blockers = new Long[64];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = "call" + i;
            blockers[i] = (long) i;
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            t.begin(Thread.currentThread());
            for (long n = 0; !stop.get(); n++) {
                int i = (int) (n & 63);
                t.enterBlocking(methods[i], i, (i & 1) == 0, blockers[i]);
                t.leaveBlocking();
            }
        });
        writer.start();
        AtomicReference<String> torn = new AtomicReference<>();
        long seen = 0;
        long start = System.nanoTime();
        long until = start + TimeUnit.MILLISECONDS.toNanos(500);
        long giveUp = start + TimeUnit.SECONDS.toNanos(30);
        while ((System.nanoTime() - until < 0 || seen < 1_000) && System.nanoTime() - giveUp < 0) {
            BlockingCall c = t.blockingCall();
            if (c == null) {
                continue;
            }
            seen++;
            int i = Integer.parseInt(c.method().substring(4));
            if (c.sinceNanos() != i || c.interruptible() != ((i & 1) == 0)
                    || !c.parkBlocker().equals(BlockingCall.describeBlocker(blockers[i]))) {
                torn.set(c.method() + " since " + c.sinceNanos() + " interruptible " + c.interruptible()
                        + " blocker " + c.parkBlocker());
                break;
            }
        }
        stop.set(true);
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertNull(torn.get(), "a torn read");
        assertTrue(seen >= 1_000, "the reader saw calls: " + seen);
    }
}
