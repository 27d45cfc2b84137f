package dev.outlive.core.leak;

import dev.outlive.ScopeKind;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FairChanceTest {
    private static final long MS = 1_000_000L;
    private static final long GRACE = 1_000 * MS;

    private final TestRuntime rt = new TestRuntime();
    private final AtomicLong cpu = new AtomicLong(5_000 * MS);
    private final FairChance fair = new FairChance(thread -> cpu.get(), GRACE);
    /** The calling thread is RUNNABLE whenever it asks about itself: the busy case. */
    private final Thread runner = Thread.currentThread();

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private TaskRecord busyTask() {
        ScopeNode owner = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "request");
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "work", owner, StackSnapshot.EMPTY);
        t.begin(runner);
        return t;
    }

    @Test
    void aBusyTaskIsJudgedOnlyOnceItHadCpuTimeToNoticeTheCancellation() {
        TaskRecord t = busyTask();
        assertFalse(fair.judgeNow(t, runner, 0), "first look: measuring starts");
        cpu.addAndGet(5 * MS); // a starved thread: 5 ms of CPU in a window
        assertFalse(fair.judgeNow(t, runner, fair.windowNanos()));
        cpu.addAndGet(15 * MS); // 20 ms in all: a fiftieth of the grace period, enough to unwind
        assertTrue(fair.judgeNow(t, runner, 2 * fair.windowNanos()), "it had its chance and still runs");
        assertEquals(0, fair.watching(), "nothing held once judged");
    }

    @Test
    void aTaskThatNeverGetsTheCpuIsJudgedAfterTheLongestWait() {
        TaskRecord t = busyTask();
        assertFalse(fair.judgeNow(t, runner, 0));
        assertFalse(fair.judgeNow(t, runner, GRACE));
        assertTrue(fair.judgeNow(t, runner, 2 * GRACE), "bounded: a leak is never hidden for good");
    }

    @Test
    void aBlockedTaskNeedsNoCpuToBeStuck() {
        TaskRecord t = busyTask();
        t.enterBlocking("LockSupport.park", 0, true, null);
        assertTrue(fair.judgeNow(t, runner, 0));
        assertEquals(0, fair.watching());
    }

    @Test
    void withoutACpuClockEveryTaskIsJudgedAtOnce() {
        FairChance none = new FairChance(FairChance.CpuTime.NONE, GRACE);
        assertTrue(none.judgeNow(busyTask(), runner, 0));
    }

    @Test
    void aForgottenTaskStartsItsMeasureAgain() {
        TaskRecord t = busyTask();
        assertFalse(fair.judgeNow(t, runner, 0));
        fair.forget(t);
        assertEquals(0, fair.watching());
        cpu.addAndGet(500 * MS);
        assertFalse(fair.judgeNow(t, runner, GRACE), "a new first look");
    }
}
