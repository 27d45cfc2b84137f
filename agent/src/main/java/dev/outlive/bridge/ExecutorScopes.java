package dev.outlive.bridge;

import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.ExecutorRecord;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code EXECUTOR} scope of each executor, created with the executor under its creator's current
 * scope (with the creation stack) and cancelled by {@code shutdownNow()}; and the worker threads each
 * executor started (remembered in each worker's {@link ThreadContext}), so reports about a worker name
 * the executor and the code that created it.
 * Executors are keyed by identity hash with a weak reference, so a dropped executor leaves nothing
 * behind but a stale entry that the next lookup of the same hash replaces.
 */
public final class ExecutorScopes {
    private final ConcurrentHashMap<Integer, Executor> executors = new ConcurrentHashMap<>();

    void created(Object executor, ScopeNode creatorScope) {
        find(executor, creatorScope);
    }

    /** The executor's scope, created under {@code fallbackParent} if the executor was not seen being built. */
    ScopeNode scopeOf(Object executor, ScopeNode fallbackParent) {
        return find(executor, fallbackParent).scope;
    }

    Executor find(Object executor, ScopeNode parentIfNew) {
        Integer key = System.identityHashCode(executor);
        Executor e = executors.get(key);
        if (e != null && e.executor.get() == executor) {
            return e;
        }
        StackSnapshot createdAt = StackSnapshot.capture();
        ScopeNode parent = createdByTheJdk(createdAt) ? OutliveRuntime.get().root() : parentIfNew;
        Executor fresh = new Executor(executor,
                ExecutorRecord.created(parent, nameOf(executor), executor, createdAt), createdAt);
        executors.put(key, fresh);
        return fresh;
    }

    /**
     * Pools the JDK builds for itself, lazily, inside whatever scope first needs them (the common pool
     * in a static initialiser, the virtual-thread scheduler, CompletableFuture's async pool) belong to
     * the JVM, not to that scope: else a request that starts the first virtual thread "leaks" the
     * scheduler. Executors are rare, so decoding the creation stack here costs nothing that matters.
     */
    static boolean createdByTheJdk(StackSnapshot createdAt) {
        for (StackTraceElement f : createdAt.decoded()) {
            String c = f.getClassName();
            if (f.getMethodName().equals("<clinit>") && c.startsWith("java.")) {
                return true;
            }
            if (c.startsWith("java.util.concurrent.")) {
                continue; // the executor's own constructors and factories
            }
            return c.startsWith("java.lang.VirtualThread") || c.startsWith("java.lang.ThreadBuilders")
                    || c.startsWith("jdk.internal.") || c.startsWith("sun.");
        }
        return false;
    }

    /** Remembers the pool in the worker's own context, which leaves with the worker: no map of its own. */
    void workerStarted(Thread worker, Executor owner) {
        ThreadContext.registerWorker(worker, owner);
    }

    /** The executor that started {@code worker}, or null. */
    public Executor executorOf(Thread worker) {
        ThreadContext c = ThreadContext.of(worker);
        Object owner = c == null ? null : c.startedBy();
        return owner instanceof Executor ? (Executor) owner : null;
    }

    private static String nameOf(Object executor) {
        return executor.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(executor));
    }

    /** One executor as Outlive knows it. */
    public static final class Executor {
        final WeakReference<Object> executor;
        final ExecutorRecord scope;
        final StackSnapshot created;

        Executor(Object executor, ExecutorRecord scope, StackSnapshot created) {
            this.executor = new WeakReference<>(executor);
            this.scope = scope;
            this.created = created;
        }

        public ExecutorRecord scope() {
            return scope;
        }

        /** Where the executor was built: the code that owns its workers. */
        public StackSnapshot createdAt() {
            return created;
        }
    }
}
