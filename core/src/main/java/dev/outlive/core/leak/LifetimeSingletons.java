package dev.outlive.core.leak;

import dev.outlive.core.report.Finding;
import dev.outlive.core.report.ThreadView;
import dev.outlive.core.stack.JdkFrames;

import java.util.List;

/**
 * Process-wide daemons that libraries start lazily, on first use, and keep for the life of the JVM:
 * whichever test or request happened to use the library first triggered them, but they are nobody's
 * work (goleak's users ask for exactly this list: goleak#119). Threads and executors created while a
 * class is being initialised are recognised by mechanism, at spawn time, in the bridge; these are the
 * ones no mechanism can tell, known by the names the libraries give their threads or by the library
 * code that creates them. Never applied to {@code KEEPS_JVM_ALIVE}: a singleton that is not a daemon
 * does keep the JVM alive, and that is worth saying.
 *
 * <p>The list is documented in docs/leak-kinds.md; users add their own with the {@code ignore} option.
 */
public final class LifetimeSingletons {
    /** Thread-name prefixes of application-lifetime daemons. */
    static final List<String> THREAD_NAMES = List.of(
            "Okio Watchdog",                    // okio.AsyncTimeout: one watchdog for every timeout, exits when idle
            "globalEventExecutor-",             // Netty's GlobalEventExecutor.INSTANCE: exits after a quiet second
            "ObjectCleanerThread",              // Netty's ObjectCleaner
            "threadDeathWatcher-",              // Netty's ThreadDeathWatcher
            "Keep-Alive-Timer",                 // the JDK's HTTP keep-alive cache
            "Keep-Alive-SocketCleaner",
            "process reaper",                   // the JDK's Process reaper pool
            "junit-jupiter-timeout-watcher",    // JUnit's @Timeout scheduler, closed when the run ends
            "mysql-cj-abandoned-connection-cleanup",
            "PostgreSQL-JDBC-Cleaner",
            "Transaction Reaper");                // Narayana's TransactionReaper (and its workers)

    /** Classes whose code creates application-lifetime executors (the creator frame of an {@code UNCLOSED_EXECUTOR}). */
    static final List<String> CREATORS = List.of(
            "org.junit.jupiter.engine.extension.TimeoutExtension",
            "org.junit.jupiter.engine.extension.TimeoutInvocationFactory",
            // Commons Pool's one evictor scheduler, shared by every pool and shut down when the last
            // pool stops evicting: built by whichever pool started evicting first
            "org.apache.commons.pool2.impl.EvictionTimer",
            "org.apache.commons.pool3.impl.EvictionTimer");

    private LifetimeSingletons() {
    }

    /** Whether {@code f} is about an application-lifetime singleton rather than work of its scope. */
    public static boolean matches(Finding f) {
        if (f.kind() == LeakKind.KEEPS_JVM_ALIVE) {
            return false;
        }
        ThreadView thread = f.task() == null ? null : f.task().thread();
        if (thread != null && isSingletonThreadName(thread.name())) {
            return true;
        }
        if (f.kind() != LeakKind.UNCLOSED_EXECUTOR) {
            return false; // a singleton executor, not the work submitted to it
        }
        String creator = creatorClass(f.spawnStack());
        if (creator == null) {
            return false;
        }
        for (String c : CREATORS) {
            if (creator.equals(c) || creator.startsWith(c + "$")) {
                return true;
            }
        }
        return false;
    }

    static boolean isSingletonThreadName(String name) {
        for (String prefix : THREAD_NAMES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The class of the innermost spawn-stack frame outside the JDK: the code that created the work. */
    static String creatorClass(List<String> spawnStack) {
        for (String frame : spawnStack) {
            String method = IgnoreFilter.methodOf(frame);
            int dot = method.lastIndexOf('.');
            String className = dot < 0 ? method : method.substring(0, dot);
            if (!JdkFrames.isJdkClass(className)) {
                return className;
            }
        }
        return null;
    }
}
