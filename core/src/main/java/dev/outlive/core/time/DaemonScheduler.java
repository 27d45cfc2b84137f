package dev.outlive.core.time;

import dev.outlive.core.OutliveThread;

/**
 * The one timer thread of the runtime: a daemon, started on first use, so it never keeps the JVM
 * alive and costs nothing for programs that set no deadline. It is a plain thread over a priority
 * queue rather than a {@code ScheduledThreadPoolExecutor}, because the agent instruments the JDK's
 * executors and its own timer must not be seen by, or recurse into, that instrumentation.
 */
public final class DaemonScheduler implements Scheduler {
    private final Clock clock;
    private final String threadName;
    private final TimerQueue queue = new TimerQueue();
    private Thread thread;

    public DaemonScheduler(Clock clock, String threadName) {
        this.clock = clock;
        this.threadName = threadName;
    }

    @Override
    public Cancellable schedule(long dueNanos, Runnable action) {
        synchronized (queue) {
            TimerQueue.Entry e = queue.add(dueNanos, action);
            if (thread == null) {
                thread = new OutliveThread(threadName, new Loop());
                thread.start();
            }
            queue.notifyAll();
            return e;
        }
    }

    private final class Loop implements Runnable {
        @Override
        public void run() {
            for (;;) {
                TimerQueue.Entry due;
                synchronized (queue) {
                    for (;;) {
                        long now = clock.nanoTime();
                        due = queue.pollDue(now);
                        if (due != null) {
                            break;
                        }
                        TimerQueue.Entry next = queue.peek();
                        try {
                            if (next == null) {
                                queue.wait();
                            } else {
                                long waitNanos = next.dueNanos - now;
                                queue.wait(Math.max(1, waitNanos / 1_000_000L), 0);
                            }
                        } catch (InterruptedException e) {
                            return; // only Outlive itself interrupts this thread, to stop it
                        }
                    }
                }
                try {
                    due.action.run();
                } catch (Throwable t) {
                    OutliveThread.reportFailure(threadName, t);
                }
            }
        }
    }
}
