package dev.outlive.junit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test classes that leak on purpose, run only through EngineTestKit by the real tests. They carry
 * the {@code outlive-fixture} tag, which Surefire and Failsafe exclude (see junit/pom.xml), and as
 * static nested classes they are not discovered through this class either.
 */
final class Fixtures {
    static final String TAG = "outlive-fixture";

    private Fixtures() {
    }

    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class Leaky {
        @Test
        void leaks() {
            Leaks.start("fixture-leaky");
        }
    }

    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class LeakyInBeforeEach {
        @BeforeEach
        void setUp() {
            Leaks.start("fixture-before-each");
        }

        @Test
        void test() {
        }
    }

    @Tag(TAG)
    @LeakCheck
    static class Clean {
        @Test
        void joinsItsThread() throws InterruptedException {
            Thread t = new Thread(() -> { }, "fixture-clean");
            t.start();
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class FailsAndLeaks {
        @Test
        void failsAndLeaks() {
            Leaks.start("fixture-failed-leaky");
            fail("the test's own failure");
        }
    }

    /** A server started in {@code @BeforeAll} and stopped in {@code @AfterAll}: correct code. */
    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class ClassServer {
        static final CountDownLatch STOP = new CountDownLatch(1);
        static Thread server;

        @BeforeAll
        static void startServer() {
            server = new Thread(() -> {
                try {
                    STOP.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // stopped
                }
            }, "fixture-server");
            server.setDaemon(true);
            server.start();
        }

        @AfterAll
        static void stopServer() throws InterruptedException {
            STOP.countDown();
            server.join(TimeUnit.SECONDS.toMillis(10));
        }

        @Test
        void usesServer() {
        }

        @Test
        void usesServerAgain() {
        }
    }

    /** A server started in {@code @BeforeAll} and never stopped: the class fails, not its tests. */
    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class ClassLeak {
        @BeforeAll
        static void startServer() {
            Leaks.start("fixture-class-server");
        }

        @Test
        void usesServer() {
        }
    }

    /** No annotation: checked only when extension auto-detection is on. */
    @Tag(TAG)
    static class Unannotated {
        @Test
        void leaks() {
            Leaks.start("fixture-autodetected");
        }
    }

    @Tag(TAG)
    static class MethodLevel {
        @Test
        @LeakCheck(grace = "100ms")
        void checked() {
            Leaks.start("fixture-method-level");
        }

        @Test
        void unchecked() {
            Leaks.start("fixture-unchecked");
        }
    }

    @Tag(TAG)
    @LeakCheck(grace = "soon")
    static class BadGrace {
        static volatile boolean ran;

        @Test
        void test() {
            ran = true;
        }
    }

    /** Ignores the shared helper every fixture thread is started from (needs the agent's spawn stacks). */
    @Tag(TAG)
    @LeakCheck(grace = "100ms", ignore = "dev.outlive.junit.Leaks.start")
    static class Ignored {
        @Test
        void leaksIgnored() {
            Leaks.start("fixture-ignored");
        }
    }

    /** An executor task that ignores cancellation (needs the agent: it runs on a pool thread). */
    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class LeakyExecutorTask {
        static final CountDownLatch STOP = new CountDownLatch(1);
        static ExecutorService pool;

        @BeforeAll
        static void createPool() {
            pool = Executors.newFixedThreadPool(1);
        }

        @AfterAll
        static void closePool() throws InterruptedException {
            STOP.countDown();
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }

        @Test
        void submitsAndForgets() {
            pool.submit(() -> {
                try {
                    STOP.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // cancelled
                }
                return null;
            });
        }
    }

    /** Two tests run at the same time; only {@code leaks()} leaks. */
    @Tag(TAG)
    @LeakCheck(grace = "200ms")
    static class Parallel {
        static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

        @Test
        void leaks() throws InterruptedException {
            meet();
            Leaks.start("fixture-parallel-leaky");
        }

        @Test
        void clean() throws InterruptedException {
            meet();
            Thread t = new Thread(() -> { }, "fixture-parallel-clean");
            t.start();
            t.join(TimeUnit.SECONDS.toMillis(10));
        }

        /** Overlaps the two tests where the pool allows; bounded, and nothing depends on it. */
        private static void meet() throws InterruptedException {
            BOTH_RUNNING.countDown();
            BOTH_RUNNING.await(5, TimeUnit.SECONDS);
        }
    }

    /** A leak in a {@code @Nested} class's test: blamed on that test, not on either class. */
    @Tag(TAG)
    @LeakCheck(grace = "100ms")
    static class Outer {
        @Nested
        class Inner {
            @Test
            void leaksInNested() {
                Leaks.start("fixture-nested");
            }
        }
    }
}
