package dev.outlive.bridge;

import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.ExecutorRecord;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code EXECUTOR} scope of each executor, created with the executor under its creator's current
 * scope (with the creation stack) and cancelled by {@code shutdownNow()}; and the worker threads each
 * executor started (remembered in each worker's {@link ThreadContext}), so reports about a worker name
 * the executor and the code that created it.
 * Executors are keyed by identity hash with a weak reference; an entry goes when its executor
 * terminates, or is collected without terminating.
 */
public final class ExecutorScopes {
    private final ConcurrentHashMap<Integer, Executor> executors = new ConcurrentHashMap<>();
    /** Executors collected without terminating (dropped, never shut down): their entries go. */
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

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
        if (e != null && e.get() == executor) {
            return e;
        }
        expungeCollected();
        StackSnapshot createdAt = StackSnapshot.capture();
        ScopeNode parent = createdByTheJdk(createdAt) ? OutliveRuntime.get().root() : parentIfNew;
        Executor fresh = new Executor(executor,
                ExecutorRecord.created(parent, nameOf(executor), executor, createdAt), createdAt, collected);
        executors.put(key, fresh);
        return fresh;
    }

    /**
     * The executor terminated: nothing more can run on it, so its entry and its scope (and through it
     * the creator's scope chain and the creation stack) are let go. A server that builds and correctly
     * closes a pool per request keeps nothing per request.
     */
    void terminated(Object executor) {
        Integer key = System.identityHashCode(executor);
        Executor e = executors.get(key);
        if (e != null && e.get() == executor && executors.remove(key, e)) {
            e.scope.ended();
        }
    }

    private void expungeCollected() {
        for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
            Executor dead = (Executor) ref;
            if (executors.remove(dead.key, dead)) {
                dead.scope.ended();
            }
        }
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
    public static final class Executor extends WeakReference<Object> {
        final Integer key;
        final ExecutorRecord scope;
        final StackSnapshot created;

        Executor(Object executor, ExecutorRecord scope, StackSnapshot created, ReferenceQueue<Object> queue) {
            super(executor, queue);
            this.key = System.identityHashCode(executor);
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
