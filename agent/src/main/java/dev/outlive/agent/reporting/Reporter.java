package dev.outlive.agent.reporting;

import dev.outlive.agent.log.OutliveLog;
import dev.outlive.agent.report.JsonReportWriter;
import dev.outlive.agent.report.ReportFiles;
import dev.outlive.core.OutliveThread;
import dev.outlive.core.leak.FindingListener;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.TextReport;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns findings into output: the text report through the agent's log, and the JSON report file,
 * rewritten on each new finding. Everything runs on one Outlive thread fed by a lock-free queue, so
 * application threads (which may report a warning or an internal error) never wait on a log lock or
 * on the disk.
 */
public final class Reporter implements FindingListener {
    private final OutliveLog log;
    private final Path reportFile;
    /** Created on the first report written: Jackson's classes cost start-up time. */
    private JsonReportWriter json;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread worker;
    /** Told of each new leak on the reporter's thread, before the report is rewritten (JMX, JFR). */
    private final List<Consumer<Finding>> leakListeners = new CopyOnWriteArrayList<>();
    private volatile ReportAssembler assembler;
    private volatile boolean reportFailed;
    /** Set once the exit report is written: it is the last word, later events do not rewrite it. */
    private volatile boolean closed;

    public Reporter(OutliveLog log, Path reportFile) {
        this.log = log;
        this.reportFile = reportFile;
        this.worker = new OutliveThread("outlive-reporter", this::drainForever);
        worker.start();
    }

    public void assembler(ReportAssembler reportAssembler) {
        this.assembler = reportAssembler;
    }

    /** Adds a listener told of each new leak, on the reporter's thread; its failures are logged. */
    public void onLeak(Consumer<Finding> listener) {
        leakListeners.add(listener);
    }

    @Override
    public void leakFound(Finding leak) {
        enqueue(() -> {
            log.warn(TextReport.render(leak, "LEAK"));
            for (Consumer<Finding> l : leakListeners) {
                try {
                    l.accept(leak);
                } catch (RuntimeException e) {
                    log.warn("outlive: internal error in a leak listener (the application is unaffected)", e);
                }
            }
            writeReport(Report.Trigger.LEAK);
        });
    }

    @Override
    public void warningFound(Finding warning) {
        enqueue(() -> {
            log.warn(TextReport.render(warning, "WARNING"));
            writeReport(Report.Trigger.LEAK);
        });
    }

    @Override
    public void knownLeakFound(Finding leak) {
        enqueue(() -> {
            log.info("outlive: known leak " + leak.kind() + " (signature " + leak.signature() + ", in the baseline)");
            writeReport(Report.Trigger.LEAK);
        });
    }

    @Override
    public void lateFinish(Finding leak) {
        enqueue(() -> {
            log.info("outlive: leak " + leak.id() + " (task " + leak.task().id() + ") finished "
                    + leak.lateFinish().millisAfterCancel() + " ms after cancellation");
            writeReport(Report.Trigger.LEAK);
        });
    }

    /** Logs a failure inside Outlive; the application is unaffected. */
    public void internalError(String where, Throwable failure) {
        enqueue(() -> log.warn("outlive: internal error in " + where
                + " (tracking there is degraded; the application is unaffected)", failure));
    }

    public void info(String message) {
        enqueue(() -> log.info(message));
    }

    /** Writes the report now, on the calling thread, after what is queued (used at exit). */
    public synchronized void flushAndWrite(Report.Trigger trigger) {
        drain();
        writeReport(trigger);
        closed = trigger == Report.Trigger.EXIT;
    }

    private void writeReport(Report.Trigger trigger) {
        ReportAssembler a = assembler;
        if (reportFile == null || a == null || closed) {
            return;
        }
        try {
            if (json == null) {
                json = new JsonReportWriter();
            }
            ReportFiles.writeAtomically(reportFile, json.toJson(a.build(trigger)));
        } catch (Exception e) {
            if (!reportFailed) {
                reportFailed = true;
                log.warn("outlive: cannot write the report to " + reportFile + ": " + e);
            }
        }
    }

    private void enqueue(Runnable action) {
        queue.add(action);
        LockSupport.unpark(worker);
    }

    private synchronized void drain() {
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            try {
                r.run();
            } catch (Throwable t) {
                // A reporting failure must never take the reporter down; the log itself may be what
                // failed, so say it once on stderr.
                if (!reportFailed) {
                    reportFailed = true;
                    System.err.println("outlive: reporting failed: " + t);
                    t.printStackTrace();
                }
            }
        }
    }

    private void drainForever() {
        for (;;) {
            drain();
            LockSupport.parkNanos(this, 200_000_000L);
        }
    }
}
