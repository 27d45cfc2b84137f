package dev.outlive.agent.jmx;

import dev.outlive.agent.report.JsonReportWriter;
import dev.outlive.agent.report.ReportFiles;
import dev.outlive.agent.reporting.ReportAssembler;
import dev.outlive.core.LiveTasks;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.TextReport;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The implementation behind {@code dev.outlive:type=LeakTracker}. It is registered through a
 * {@link javax.management.StandardEmitterMBean}, so its class name need not follow the
 * {@code XMBean} naming rule and does not clash with core's {@code LeakTracker}.
 *
 * <p>Exceptions that leave an operation carry a message only, never a cause: a remote client has
 * JDK classes, not Outlive's (shaded Jackson, say), and could not deserialise them.
 */
public final class LeakTrackerBean extends NotificationBroadcasterSupport implements LeakTrackerMBean {
    /** The MBean's name. */
    public static final String NAME = "dev.outlive:type=LeakTracker";
    /** The notification type sent for each new leak. */
    public static final String LEAK_NOTIFICATION = "dev.outlive.leak";

    private final LeakTracker tracker;
    private final ReportAssembler assembler;
    private final JsonReportWriter json = new JsonReportWriter();
    private final AtomicLong sequence = new AtomicLong();
    private final ObjectName name;

    /**
     * @param tracker the findings
     * @param assembler builds the reports
     */
    public LeakTrackerBean(LeakTracker tracker, ReportAssembler assembler) {
        super(new MBeanNotificationInfo(new String[] {LEAK_NOTIFICATION}, Notification.class.getName(),
                "a new leak: message = headline, user data = the leak as text"));
        this.tracker = tracker;
        this.assembler = assembler;
        this.name = objectName();
    }

    static ObjectName objectName() {
        try {
            return new ObjectName(NAME);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e); // a constant: cannot happen
        }
    }

    @Override
    public long getLiveTasks() {
        return TaskRecord.liveCount();
    }

    @Override
    public long getOpenScopes() {
        return ScopeNode.openCount();
    }

    @Override
    public int getLeakCount() {
        return tracker.leaks().size();
    }

    @Override
    public int getWarningCount() {
        return tracker.warnings().size();
    }

    @Override
    public String dump() {
        return TaskDump.render(LiveTasks.snapshot(), assembler.build(Report.Trigger.JMX),
                tracker.settings().stackDepth());
    }

    @Override
    public String dumpJson() {
        return json.toJson(assembler.buildWithTasks(Report.Trigger.JMX));
    }

    @Override
    public String leaks() {
        return TextReport.render(assembler.build(Report.Trigger.JMX));
    }

    @Override
    public String writeReport(String path) throws IOException {
        if (path == null || path.isBlank()) {
            throw new IOException("writeReport needs a file path");
        }
        Path target;
        try {
            target = Path.of(path).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IOException("not a file path: " + e.getMessage());
        }
        try {
            ReportFiles.writeNew(target, dumpJson());
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " already exists: writeReport never overwrites a file; choose a new path");
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e);
        }
        return target.toString();
    }

    /**
     * Sends the {@code dev.outlive.leak} notification. Called on the reporter's thread, never on an
     * application thread: listeners may be slow remote clients.
     *
     * @param leak the new leak
     */
    public void leakFound(Finding leak) {
        String text = TextReport.render(leak, "LEAK");
        int eol = text.indexOf('\n');
        Notification n = new Notification(LEAK_NOTIFICATION, name, sequence.incrementAndGet(), System.currentTimeMillis(),
                eol < 0 ? text : text.substring(0, eol));
        n.setUserData(text);
        sendNotification(n);
    }
}
