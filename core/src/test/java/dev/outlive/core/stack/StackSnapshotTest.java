package dev.outlive.core.stack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSnapshotTest {
    @Test
    void identicalStacksAreInternedAndOwnFramesDropped() {
        StackSnapshot[] two = new StackSnapshot[2];
        for (int i = 0; i < 2; i++) {
            two[i] = StackSnapshot.capture(); // same line, same stack
        }
        assertSame(two[0].decoded(), two[1].decoded());
        for (StackTraceElement f : two[0].decoded()) {
            assertFalse(StackFrames.isOwnFrame(f.getClassName()), f.toString());
        }
        assertTrue(two[0].lines(3).size() <= 3);
    }

    @Test
    void ownFramesAreOutliveMachineryOnly() {
        assertTrue(StackFrames.isOwnFrame("dev.outlive.core.scope.ScopeNode"));
        assertTrue(StackFrames.isOwnFrame("dev.outlive.Scope"));
        assertTrue(StackFrames.isOwnFrame("dev.outlive.Scope$1"));
        assertTrue(StackFrames.isOwnFrame("dev.outlive.shaded.bytebuddy.Foo"));
        assertFalse(StackFrames.isOwnFrame("dev.outlive.ScopeDemo"));
        assertFalse(StackFrames.isOwnFrame("dev.outlive.sample.Main"));
        assertFalse(StackFrames.isOwnFrame("com.acme.Main"));
    }

    @Test
    void autoModeCapturesTheFirstSpawnsThenSharesARepresentativeStack() {
        SpawnStacks stacks = new SpawnStacks(StackMode.AUTO);
        class Task { }
        StackSnapshot last = null;
        for (int i = 0; i < SpawnStacks.FULL_PER_CLASS; i++) {
            last = stacks.forSpawn(Task.class, false);
            assertFalse(last.isRepresentative());
        }
        StackSnapshot shared = stacks.forSpawn(Task.class, false);
        assertTrue(shared.isRepresentative());
        assertSame(last.decoded(), shared.decoded());
        assertFalse(stacks.forSpawn(Task.class, true).isRepresentative(), "expensive spawns are always captured");
    }

    @Test
    void spawnsThatAreNotCapturedShareOneRepresentativeSnapshot() {
        SpawnStacks stacks = new SpawnStacks(StackMode.AUTO);
        class Task { }
        for (int i = 0; i < SpawnStacks.FULL_PER_CLASS; i++) {
            stacks.forSpawn(Task.class, false);
        }
        StackSnapshot first = stacks.forSpawn(Task.class, false);
        assertSame(first, stacks.forSpawn(Task.class, false), "no allocation per uncaptured spawn");
    }

    @Test
    void expensiveSpawnsFromOneLineShareTheirDecodedFrames() {
        SpawnStacks stacks = new SpawnStacks(StackMode.AUTO);
        StackSnapshot[] spawned = new StackSnapshot[2];
        for (int i = 0; i < 2; i++) {
            spawned[i] = stacks.forSpawn(Thread.class, true);
        }
        assertSame(spawned[0], spawned[1], "decoded and interned at capture: one snapshot per line, not per thread");
    }

    @Test
    void otherModes() {
        assertSame(StackSnapshot.EMPTY, new SpawnStacks(StackMode.OFF).forSpawn(Object.class, true));
        StackSnapshot caller = new SpawnStacks(StackMode.CALLER).forSpawn(Object.class, false);
        assertEquals(1, caller.decoded().length);
        String callerClass = caller.decoded()[0].getClassName();
        assertFalse(JdkFrames.isJdkClass(callerClass) || StackFrames.isOwnFrame(callerClass), callerClass);
        StackSnapshot a = new SpawnStacks(StackMode.FULL).forSpawn(Object.class, false);
        StackSnapshot b = new SpawnStacks(StackMode.FULL).forSpawn(Object.class, false);
        assertNotSame(a, b);
        assertFalse(a.isRepresentative());
    }
}
