package dev.outlive.core.scope;

import dev.outlive.ScopeKind;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTreeTest {
    private final TestRuntime rt = new TestRuntime();

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private ScopeNode explicit(ScopeNode parent, String name) {
        return ScopeNode.child(parent, ScopeKind.EXPLICIT, name);
    }

    @Test
    void cancellationReachesEveryDescendantOfADeepTree() {
        ScopeNode top = explicit(rt.runtime.root(), "top");
        List<ScopeNode> chain = new ArrayList<>();
        ScopeNode n = top;
        for (int i = 0; i < 2_000; i++) {
            n = explicit(n, "level" + i);
            chain.add(n);
        }
        AtomicInteger actions = new AtomicInteger();
        chain.get(chain.size() - 1).onCancel(actions::incrementAndGet);
        chain.get(1_000).onCancel(actions::incrementAndGet);
        top.cancel("stop");
        for (ScopeNode c : chain) {
            assertTrue(c.isCancelled());
            assertEquals("stop", c.cancellation().reason());
            assertSame(top, c.cancellation().origin());
        }
        assertEquals(2, actions.get(), "actions deep in the tree ran");
        assertFalse(rt.runtime.root().isCancelled(), "cancellation never goes up");
    }

    @Test
    void aWideTreeIsCancelledAndSiblingsOfTheCancelledScopeAreNot() {
        ScopeNode a = explicit(rt.runtime.root(), "a");
        ScopeNode b = explicit(rt.runtime.root(), "b");
        List<TaskRecord> tasksOfA = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tasksOfA.add(TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t" + i, explicit(a, "child" + i), StackSnapshot.EMPTY));
        }
        TaskRecord ofB = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "tb", b, StackSnapshot.EMPTY);
        a.cancel("a done");
        for (TaskRecord t : tasksOfA) {
            assertTrue(t.isCancelled());
            assertEquals("a done", t.ownCancellation().reason(), "linked tasks get the record eagerly");
        }
        assertFalse(ofB.isCancelled());
        assertFalse(b.isCancelled());
    }

    @Test
    void aChildCancelledFirstKeepsItsOwnReason() {
        ScopeNode parent = explicit(rt.runtime.root(), "parent");
        ScopeNode child = explicit(parent, "child");
        child.onCancel(() -> { });
        child.cancel("own reason");
        parent.cancel("parent reason");
        assertEquals("own reason", child.cancellation().reason());
    }

    @Test
    void aTaskSpawnedIntoACancelledScopeIsCancelledAndAnnounced() {
        ScopeNode s = explicit(rt.runtime.root(), "s");
        s.cancel("gone");
        TaskRecord late = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "late", s, StackSnapshot.EMPTY);
        assertTrue(late.isCancelled());
        assertEquals("gone", late.ownCancellation().reason());
    }

    @Test
    void plainScopesAreNotLinkedUntilSomethingPinsThem() {
        ScopeNode parent = explicit(rt.runtime.root(), "parent");
        ScopeNode child = explicit(parent, "child");
        assertFalse(child.isPinned());
        assertFalse(parent.isPinned());
        child.onCancel(() -> { });
        assertTrue(child.isPinned());
        assertTrue(parent.isPinned(), "pinning propagates up so the cancellation path exists");
        child.cancel("x");
        assertFalse(child.isPinned(), "after its actions ran the child holds nothing");
        assertFalse(parent.isPinned());
    }

    @Test
    void tasksUnlinkWhenTheyFinish() {
        ScopeNode s = explicit(rt.runtime.root(), "s");
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t", s, StackSnapshot.EMPTY);
        List<ScopeNode> linked = new ArrayList<>();
        s.forEachLinkedChild(linked::add);
        assertEquals(List.of(t), linked);
        t.begin(Thread.currentThread());
        t.finish();
        linked.clear();
        s.forEachLinkedChild(linked::add);
        assertEquals(List.of(), linked);
        assertFalse(s.isPinned());
    }

    @Test
    void tasksOfTheMainAndJvmScopesAreNotLinked() {
        ScopeNode main = ScopeNode.child(rt.runtime.root(), ScopeKind.MAIN, "main");
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t", main, StackSnapshot.EMPTY);
        TaskRecord u = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "u", rt.runtime.root(), StackSnapshot.EMPTY);
        assertFalse(main.isPinned());
        assertFalse(rt.runtime.root().isPinned());
        t.finish();
        u.finish();
    }

    @Test
    void droppedScopesAndFinishedTasksAreCollected() throws InterruptedException {
        ScopeNode parent = explicit(rt.runtime.root(), "parent");
        WeakReference<ScopeNode> dropped = new WeakReference<>(explicit(parent, "never closed"));
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t", parent, StackSnapshot.capture());
        t.begin(Thread.currentThread());
        t.finish();
        WeakReference<TaskRecord> finished = new WeakReference<>(t);
        t = null;
        assertTrue(collected(dropped), "a scope dropped without close() is collectable");
        assertTrue(collected(finished), "a finished task is collectable");
        assertFalse(parent.isCancelled());
    }

    @Test
    void aLiveTaskIsNotCollectedWhileItsScopeLives() throws InterruptedException {
        ScopeNode parent = explicit(rt.runtime.root(), "parent");
        WeakReference<TaskRecord> live = new WeakReference<>(
                TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t", parent, StackSnapshot.EMPTY));
        assertFalse(collected(live, 5), "the scope holds its live task for the tracker");
        List<ScopeNode> linked = new ArrayList<>();
        parent.forEachLinkedChild(linked::add);
        assertEquals(1, linked.size());
    }

    /** A bounded GC loop: true once the referent is gone, false after {@code rounds} tries. */
    static boolean collected(WeakReference<?> ref) throws InterruptedException {
        return collected(ref, 50);
    }

    static boolean collected(WeakReference<?> ref, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds && ref.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[16 * 1024];
            }
            Thread.sleep(10); // gives a concurrent collector its turn; the loop, not the sleep, bounds the wait
        }
        return ref.get() == null;
    }

    @Test
    void manyThreadsOpeningSpawningAndCancellingConcurrently() throws Exception {
        ScopeNode shared = explicit(rt.runtime.root(), "shared");
        int threads = 8;
        int rounds = 2_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger actionsRun = new AtomicInteger();
        AtomicInteger registered = new AtomicInteger();
        List<Future<List<TaskRecord>>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                List<TaskRecord> survivors = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    ScopeNode s = explicit(shared, "s");
                    TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "t", s, StackSnapshot.EMPTY);
                    s.onCancel(actionsRun::incrementAndGet);
                    registered.incrementAndGet();
                    if (r % 2 == 0) {
                        s.cancel("mine");
                        t.finish();
                    } else {
                        survivors.add(t);
                    }
                }
                return survivors;
            }));
        }
        List<TaskRecord> survivors = new ArrayList<>();
        for (Future<List<TaskRecord>> f : results) {
            survivors.addAll(f.get(60, TimeUnit.SECONDS));
        }
        shared.cancel("all");
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(registered.get(), actionsRun.get(), "every action ran exactly once");
        for (TaskRecord t : survivors) {
            assertTrue(t.isCancelled());
        }
        for (TaskRecord t : survivors) {
            t.finish();
        }
        List<ScopeNode> linked = new ArrayList<>();
        shared.forEachLinkedChild(linked::add);
        assertEquals(List.of(), linked, "nothing stays linked once tasks finished and actions ran");
        assertFalse(shared.isPinned());
    }

    @Test
    void concurrentPinAndCancelNeverLoseAnAction() throws Exception {
        for (int round = 0; round < 300; round++) {
            ScopeNode parent = explicit(rt.runtime.root(), "p");
            ScopeNode child = explicit(parent, "c");
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            Thread canceller = new Thread(() -> {
                awaitQuietly(go);
                parent.cancel("race");
            });
            canceller.start();
            go.countDown();
            child.onCancel(ran::incrementAndGet);
            canceller.join(10_000);
            assertEquals(1, ran.get(), "round " + round);
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
