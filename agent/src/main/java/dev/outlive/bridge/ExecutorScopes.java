package dev.outlive.bridge;

import dev.outlive.ScopeKind;
import dev.outlive.core.scope.ScopeNode;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code EXECUTOR} scope of each executor, created with the executor under its creator's
 * current scope and cancelled by {@code shutdownNow()}. Keyed by identity hash with a weak
 * reference to the executor, so a dropped executor leaves nothing behind but a stale entry that the
 * next lookup of the same hash clears.
 */
final class ExecutorScopes {
    private final ConcurrentHashMap<Integer, Entry> scopes = new ConcurrentHashMap<>();

    void created(Object executor, ScopeNode creatorScope) {
        scopeOf(executor, creatorScope);
    }

    /** The executor's scope, created under {@code fallbackParent} if the executor was not seen being built. */
    ScopeNode scopeOf(Object executor, ScopeNode fallbackParent) {
        Integer key = System.identityHashCode(executor);
        Entry e = scopes.get(key);
        if (e != null && e.executor.get() == executor) {
            return e.scope;
        }
        ScopeNode scope = ScopeNode.child(fallbackParent, ScopeKind.EXECUTOR, nameOf(executor));
        scopes.put(key, new Entry(executor, scope));
        return scope;
    }

    private static String nameOf(Object executor) {
        return executor.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(executor));
    }

    private static final class Entry {
        final WeakReference<Object> executor;
        final ScopeNode scope;

        Entry(Object executor, ScopeNode scope) {
            this.executor = new WeakReference<>(executor);
            this.scope = scope;
        }
    }
}
