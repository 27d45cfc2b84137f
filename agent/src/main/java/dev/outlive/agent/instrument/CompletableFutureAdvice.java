package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.TimeoutException;

/** Advice woven into {@code CompletableFuture}: ties async bodies to their futures and sees outside completion. */
final class CompletableFutureAdvice {
    private CompletableFutureAdvice() {
    }

    /** {@code asyncSupplyStage}, {@code asyncRunStage}: the future returned belongs to the body just submitted. */
    static final class AsyncStage {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object future) {
            Hooks.asyncStageCreated(future);
        }
    }

    /** {@code cancel(boolean)}. */
    static final class Cancel {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Argument(0) boolean mayInterrupt, @Advice.Return boolean changed) {
            if (changed) {
                Hooks.futureCompletedExternally(future,
                        mayInterrupt ? "CompletableFuture.cancel(true)" : "CompletableFuture.cancel(false)");
            }
        }
    }

    /** {@code complete(T)}. */
    static final class Complete {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Return boolean changed) {
            if (changed) {
                Hooks.futureCompletedExternally(future, "CompletableFuture.complete(..)");
            }
        }
    }

    /** {@code completeExceptionally(Throwable)}, which {@code orTimeout} uses too. */
    static final class CompleteExceptionally {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Argument(0) Throwable failure, @Advice.Return boolean changed) {
            if (changed) {
                Hooks.futureCompletedExternally(future, failure instanceof TimeoutException
                        ? "completed by timeout (orTimeout)" : "CompletableFuture.completeExceptionally(..)");
            }
        }
    }
}
