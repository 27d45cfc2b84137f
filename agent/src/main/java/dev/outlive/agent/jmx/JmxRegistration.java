package dev.outlive.agent.jmx;

import dev.outlive.agent.reporting.ReportAssembler;
import dev.outlive.agent.reporting.Reporter;
import dev.outlive.core.OutliveThread;
import dev.outlive.core.leak.LeakTracker;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.StandardEmitterMBean;
import java.lang.management.ManagementFactory;

/**
 * Registers {@code dev.outlive:type=LeakTracker} on the platform MBean server from an Outlive
 * thread, a moment after start-up, never from {@code premain}.
 *
 * <p>Why not in {@code premain}: creating the platform MBean server initialises
 * {@code java.util.logging.LogManager} and the platform MXBeans. An application that picks its
 * log manager through {@code java.util.logging.manager} (JBoss LogManager, say) needs that class
 * on the class path and the property set before the first use; doing it in premain has made other
 * agents install the wrong log manager or deadlock against the main thread's class loading. The
 * delay lets the application's {@code main} start first; the thread is a daemon and does nothing
 * else. Registering never opens a port: remote access is whatever the application configured.
 */
public final class JmxRegistration {
    /** How long after start-up the MBean is registered. */
    static final long DELAY_MILLIS = 500;

    private JmxRegistration() {
    }

    /**
     * Starts the registering thread. Even the MBean object is made there: its superclass sets up
     * JMX's logging when loaded, which is as much a premain hazard as the MBean server.
     *
     * @param tracker the findings
     * @param assembler builds the reports
     * @param reporter gets the MBean as a leak listener (for notifications) once it is registered,
     *                 and is told why registration failed, if it did; the agent goes on without JMX
     */
    public static void registerLater(LeakTracker tracker, ReportAssembler assembler, Reporter reporter) {
        new OutliveThread("outlive-jmx", () -> {
            try {
                Thread.sleep(DELAY_MILLIS);
                LeakTrackerBean bean = new LeakTrackerBean(tracker, assembler);
                register(ManagementFactory.getPlatformMBeanServer(), bean);
                reporter.onLeak(bean::leakFound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (InstanceAlreadyExistsException e) {
                // A second Outlive (attached twice): the first one keeps the name.
                reporter.info("outlive: " + LeakTrackerBean.NAME + " is already registered (Outlive loaded twice?);"
                        + " this agent's MBean is not registered");
            } catch (Throwable t) {
                reporter.internalError("registering the MBean " + LeakTrackerBean.NAME, t);
            }
        }).start();
    }

    static void register(MBeanServer server, LeakTrackerBean bean) throws Exception {
        server.registerMBean(new StandardEmitterMBean(bean, LeakTrackerMBean.class, bean), LeakTrackerBean.objectName());
    }
}
