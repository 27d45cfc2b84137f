package dev.outlive.core.time;

import dev.outlive.core.OutliveThread;

import java.util.ArrayDeque;

/**
 * The scheduler of deadlines: a timer thread that only keeps time, and delivery threads that run what
 * falls due. A deadline runs the scope's {@code onCancel} actions, which are application code and may
 * be slow or block (a {@code Statement.cancel()} waiting on the database): each due action runs on an
 * idle delivery thread, and a new one starts when all are busy, so one slow action never delays
 * another scope's deadline. Delivery threads end after a while idle; at most {@link #MAX_WORKERS} run
 * at once, beyond which actions queue (a bound, not a stall: each still runs in due order).
 */
public final class DeliveryScheduler implements Scheduler {
    static final int MAX_WORKERS = 8;
    private static final long IDLE_MILLIS = 10_000;

    private final DaemonScheduler timer;
    private final String workerName;
    private final ArrayDeque<Runnable> due = new ArrayDeque<>();
    private int idle;
    private int workers;
    private int started;

    public DeliveryScheduler(Clock clock, String timerName, String workerName) {
        this.timer = new DaemonScheduler(clock, timerName);
        this.workerName = workerName;
    }

    @Override
    public Cancellable schedule(long dueNanos, Runnable action) {
        return timer.schedule(dueNanos, new HandOff(action));
    }

    /** Queues {@code action} for a delivery thread, starting one unless an idle one is waiting. */
    void deliver(Runnable action) {
        synchronized (due) {
            due.add(action);
            if (due.size() > idle && workers < MAX_WORKERS) {
                workers++;
                new OutliveThread(workerName + "-" + (++started), new Worker()).start();
            } else {
                due.notify();
            }
        }
    }

    /** Delivery threads alive now, for tests. */
    int workers() {
        synchronized (due) {
            return workers;
        }
    }

    private final class HandOff implements Runnable {
        private final Runnable action;

        HandOff(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            deliver(action);
        }
    }

    private final class Worker implements Runnable {
        @Override
        public void run() {
            for (;;) {
                Runnable next;
                synchronized (due) {
                    long idleSince = System.nanoTime();
                    while (due.isEmpty()) {
                        long left = IDLE_MILLIS - (System.nanoTime() - idleSince) / 1_000_000L;
                        if (left <= 0) {
                            workers--;
                            return;
                        }
                        idle++;
                        try {
                            due.wait(left);
                        } catch (InterruptedException e) {
                            // Outlive never interrupts its own threads: someone else did, and it must not
                            // stop deliveries (a lost deadline reads as "nothing was cancelled")
                        } finally {
                            idle--;
                        }
                    }
                    next = due.poll();
                }
                try {
                    next.run();
                } catch (Throwable t) {
                    OutliveThread.reportFailure(workerName, t);
                }
            }
        }
    }
}
