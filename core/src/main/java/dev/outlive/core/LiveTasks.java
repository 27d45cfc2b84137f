package dev.outlive.core;

import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;
import dev.outlive.core.task.ThreadTasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Every live task Outlive can see, for full dumps (JMX {@code dump}, CLI {@code dump}). There is no
 * global registry of tasks (it would be a hot spot on every submit), so a dump gathers them: started
 * threads, the task each thread is running now, and the linked subtree of the root, which holds every
 * task of a cancellable scope. Tasks queued in a pool directly under {@code jvm}/{@code main} that
 * have not started are not seen. Costs a walk; meant for on-demand use.
 */
public final class LiveTasks {
    private LiveTasks() {
    }

    public static List<TaskRecord> snapshot() {
        Set<TaskRecord> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TaskRecord> out = new ArrayList<>();
        for (TaskRecord t : ThreadTasks.all()) {
            add(t, seen, out);
        }
        for (ThreadContext c : ThreadContext.all()) {
            add(c.task(), seen, out);
        }
        ArrayDeque<ScopeNode> pending = new ArrayDeque<>();
        pending.add(OutliveRuntime.get().root());
        for (ScopeNode n = pending.poll(); n != null; n = pending.poll()) {
            if (n instanceof TaskRecord) {
                add((TaskRecord) n, seen, out);
            }
            n.forEachLinkedChild(pending::add);
        }
        return out;
    }

    private static void add(TaskRecord t, Set<TaskRecord> seen, List<TaskRecord> out) {
        if (t != null && !t.isDone() && seen.add(t)) {
            out.add(t);
        }
    }
}
