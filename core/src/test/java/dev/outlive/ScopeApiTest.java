package dev.outlive;

import dev.outlive.core.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeApiTest {
    private final TestRuntime rt = new TestRuntime();

    @AfterEach
    void tearDown() {
        rt.close();
    }

    @Test
    void currentIsTheJvmRootUntilAScopeIsOpened() {
        Scope root = Scope.current();
        assertEquals(ScopeKind.JVM, root.kind());
        assertEquals(List.of("jvm"), root.path());
        assertSame(root, Scope.current(), "the facade of a scope is stable");
        assertEquals(Optional.empty(), root.parent());
    }

    @Test
    void openMakesAChildCurrentAndCloseRestoresAndCancels() {
        Scope outer = Scope.current();
        Scope checkout;
        try (Scope s = Scope.open("checkout")) {
            checkout = s;
            assertSame(s, Scope.current());
            assertEquals(ScopeKind.EXPLICIT, s.kind());
            assertEquals(List.of("jvm", "checkout"), s.path());
            assertSame(outer, s.parent().orElseThrow());
            assertFalse(s.isCancelled());
            assertEquals(Optional.empty(), s.cancelReason());
        }
        assertSame(outer, Scope.current());
        assertTrue(checkout.isCancelled());
        assertEquals(Optional.of("closed"), checkout.cancelReason());
    }

    @Test
    void closingAnOuterScopeAlsoLeavesInnerScopesLeftOpen() {
        Scope before = Scope.current();
        Scope outer = Scope.open("outer");
        Scope inner = Scope.open("inner");
        outer.close();
        assertSame(before, Scope.current());
        assertTrue(inner.isCancelled(), "cancelling the outer scope reaches the inner one");
    }

    @Test
    void cancelIsIdempotentAndTheFirstReasonWins() {
        try (Scope s = Scope.open("job")) {
            s.cancel("first");
            s.cancel("second");
            s.cancel();
            assertEquals(Optional.of("first"), s.cancelReason());
        }
    }

    @Test
    void cancelWithoutReasonSaysSo() {
        try (Scope s = Scope.open("job")) {
            s.cancel();
            assertEquals(Optional.of("cancel()"), s.cancelReason());
        }
    }

    @Test
    void checkCancelledThrowsWithTheReasonAndPath() {
        try (Scope s = Scope.open("request")) {
            s.checkCancelled(); // open: no throw
            s.cancel("client went away");
            CancellationException e = assertThrows(CancellationException.class, s::checkCancelled);
            assertTrue(e.getMessage().contains("client went away"), e.getMessage());
            assertTrue(e.getMessage().contains("jvm/request"), e.getMessage());
        }
    }

    @Test
    void onCancelRunsOnceAndAtOnceWhenAlreadyCancelled() {
        List<String> ran = new ArrayList<>();
        try (Scope s = Scope.open("job")) {
            s.onCancel(() -> ran.add("a"));
            s.onCancel(() -> ran.add("b"));
            assertEquals(List.of(), ran);
            s.cancel();
            s.cancel();
            assertEquals(List.of("a", "b"), ran, "actions run once, in registration order");
            s.onCancel(() -> ran.add("late"));
            assertEquals(List.of("a", "b", "late"), ran);
        }
    }

    @Test
    void aThrowingActionDoesNotStopTheOthers() {
        List<String> ran = new ArrayList<>();
        try (Scope s = Scope.open("job")) {
            s.onCancel(() -> ran.add("first"));
            s.onCancel(() -> {
                throw new IllegalStateException("boom");
            });
            s.onCancel(() -> ran.add("third"));
            s.cancel();
        }
        assertEquals(List.of("first", "third"), ran);
        assertEquals(1, rt.actionFailures.size());
        assertEquals("boom", rt.actionFailures.get(0).getMessage());
    }

    @Test
    void deadlineAfterCancelsWhenDueAndNotBefore() {
        try (Scope s = Scope.open("rpc")) {
            s.deadlineAfter(Duration.ofMillis(500));
            rt.time.advanceMillis(499);
            assertFalse(s.isCancelled());
            rt.time.advanceMillis(1);
            assertTrue(s.isCancelled());
            assertEquals(Optional.of("deadline exceeded"), s.cancelReason());
        }
    }

    @Test
    void deadlineAtUsesTheWallClock() {
        try (Scope s = Scope.open("rpc")) {
            s.deadlineAt(Instant.ofEpochMilli(rt.time.epochMillis()).plusSeconds(2));
            rt.time.advanceMillis(1_999);
            assertFalse(s.isCancelled());
            rt.time.advanceMillis(1);
            assertEquals(Optional.of("deadline exceeded"), s.cancelReason());
        }
    }

    @Test
    void aDeadlineInThePastCancelsAtOnceOnTheNextTick() {
        try (Scope s = Scope.open("rpc")) {
            s.deadlineAfter(Duration.ofMillis(-5));
            rt.time.advance(0);
            assertTrue(s.isCancelled());
        }
    }

    @Test
    void anEarlierCancelWithdrawsTheDeadlineTimer() {
        Scope s = Scope.open("rpc");
        s.deadlineAfter(Duration.ofHours(1));
        s.close();
        assertEquals(Optional.of("closed"), s.cancelReason());
        rt.time.advanceMillis(3_600_000);
        assertEquals(Optional.of("closed"), s.cancelReason(), "the deadline does not overwrite the first reason");
    }

    @Test
    void detachedScopesAreNewRootsUnaffectedByTheCaller() {
        try (Scope request = Scope.open("request")) {
            try (Scope refresher = Scope.detached("cache-refresher")) {
                assertSame(refresher, Scope.current());
                assertEquals(List.of("cache-refresher"), refresher.path());
                request.cancel();
                assertFalse(refresher.isCancelled());
            }
            assertSame(request, Scope.current());
        }
        assertTrue(rt.warnings.isEmpty(), "detached(..) is deliberate and never flagged");
    }

    @Test
    void rootInsideAnotherScopeIsFlaggedAsDetached() {
        try (Scope request = Scope.open("request")) {
            try (Scope fresh = Scope.root("background")) {
                assertEquals(List.of("background"), fresh.path());
            }
        }
        assertEquals(1, rt.warnings.size());
        assertEquals("DETACHED_SCOPE", rt.warnings.get(0).kind().name());
        assertEquals(List.of("jvm", "request"), rt.warnings.get(0).scope().path());
        assertTrue(rt.warnings.get(0).currentStack().get(0).contains("rootInsideAnotherScopeIsFlaggedAsDetached"),
                "the warning names the line that called Scope.root: " + rt.warnings.get(0).currentStack());
    }

    @Test
    void rootAtTopLevelIsNotFlagged() {
        try (Scope fresh = Scope.root("job")) {
            assertEquals(List.of("job"), fresh.path());
        }
        assertTrue(rt.warnings.isEmpty());
    }
}
