package dev.outlive.core.scope;

import dev.outlive.Scope;
import dev.outlive.ScopeKind;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.time.Cancellable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One node of the cancellation tree: the internal side of {@link Scope}.
 *
 * <p>Children are not all linked to their parent. A child is <em>linked</em> (held strongly in its
 * parent's {@link LinkedChildren}) only while it is <em>pinned</em>: while it has pending {@code onCancel} actions,
 * linked children of its own, or, for tasks, while it is live. An unpinned child has nothing that a
 * cancellation must reach, so it learns of an ancestor's cancellation lazily, by walking up, and a
 * scope the application dropped without closing stays collectable. Cancellation walks only linked
 * children, which keeps its cost proportional to the work that can be affected.
 *
 * <p>Written for the bootstrap class path: no lambdas or string concatenation on paths the agent's
 * hooks reach, no logging, no locks but the node's own monitor on pin transitions.
 */
public class ScopeNode {
    private static final AtomicLong IDS = new AtomicLong();
    /** Scopes created and not yet cancelled (or, for tasks, finished): the report's {@code openScopes}. */
    private static final java.util.concurrent.atomic.LongAdder OPEN = new java.util.concurrent.atomic.LongAdder();
    private static final VarHandle CANCELLATION;
    private static final VarHandle ACTIONS;
    private static final VarHandle CHILDREN;
    private static final VarHandle PINS;
    private static final VarHandle FACADE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CANCELLATION = lookup.findVarHandle(ScopeNode.class, "cancellation", Cancellation.class);
            ACTIONS = lookup.findVarHandle(ScopeNode.class, "actions", Object.class);
            CHILDREN = lookup.findVarHandle(ScopeNode.class, "children", LinkedChildren.class);
            PINS = lookup.findVarHandle(ScopeNode.class, "pins", int.class);
            FACADE = lookup.findVarHandle(ScopeNode.class, "facade", Scope.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks {@link #actions} once they have run: later actions run at once. */
    private static final Object DRAINED = new Object();

    private static final ScopeKind[] KINDS = ScopeKind.values();
    private static final int KIND_SHIFT = 56;
    private static final long ID_MASK = (1L << KIND_SHIFT) - 1;

    /** The id in the low 56 bits, the kind's ordinal in the top byte: one word less on every task. */
    private final long idAndKind;
    /** The scope's name; for a task, its description (the task's scope name is derived from its id). */
    private final String name;
    private final ScopeNode parent;
    private volatile Cancellation cancellation;
    /** null, an {@link ActionList} of pending actions, or {@link #DRAINED}. */
    private volatile Object actions;
    private volatile LinkedChildren children;
    /** This node's neighbours in its parent's {@link LinkedChildren}, guarded by the parent's stripe lock. */
    ScopeNode prevSibling;
    ScopeNode nextSibling;
    private volatile int pins;
    private volatile Scope facade;

    protected ScopeNode(ScopeKind kind, String name, ScopeNode parent) {
        this.idAndKind = ((long) kind.ordinal() << KIND_SHIFT) | IDS.incrementAndGet();
        this.name = name;
        this.parent = parent;
        OPEN.increment();
    }

    /** Scopes created and neither cancelled nor, for tasks, finished. */
    public static long openCount() {
        return OPEN.sum();
    }

    /** Called once when a scope stops being open. */
    protected static void closedOne() {
        OPEN.decrement();
    }

    /** Whether this scope still counts as open when it is cancelled (a finished task no longer does). */
    protected boolean countsAsOpen() {
        return true;
    }

    /** A new child scope of {@code parent}; not linked until something pins it. */
    public static ScopeNode child(ScopeNode parent, ScopeKind kind, String name) {
        return new ScopeNode(kind, name, parent);
    }

    /** A new root scope, with no parent. */
    public static ScopeNode root(ScopeKind kind, String name) {
        return new ScopeNode(kind, name, null);
    }

    public final long id() {
        return idAndKind & ID_MASK;
    }

    /** The scope's name; tasks derive theirs. */
    public String name() {
        return name;
    }

    public final ScopeKind kind() {
        return KINDS[(int) (idAndKind >>> KIND_SHIFT)];
    }

    /** The name given at creation: what subclasses that derive {@link #name()} keep there instead. */
    protected final String givenName() {
        return name;
    }

    /** The parent scope, or null for a root. */
    public final ScopeNode parent() {
        return parent;
    }

    /** Names from the root down to this scope, e.g. {@code [jvm, main, pool-1]}. */
    public final List<String> path() {
        ArrayList<String> names = new ArrayList<>();
        for (ScopeNode n = this; n != null; n = n.parent) {
            names.add(n.name());
        }
        Collections.reverse(names);
        return names;
    }

    /** True when {@code ancestor} is this scope or one of its ancestors. */
    public final boolean isWithin(ScopeNode ancestor) {
        for (ScopeNode n = this; n != null; n = n.parent) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The cancellation recorded on this very scope, or null. */
    public final Cancellation ownCancellation() {
        return cancellation;
    }

    /** The cancellation in force: this scope's own, else the nearest cancelled ancestor's, else null. */
    public final Cancellation cancellation() {
        for (ScopeNode n = this; n != null; n = n.parent) {
            Cancellation c = n.cancellation;
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    public final boolean isCancelled() {
        return cancellation() != null;
    }

    /**
     * Cancels this scope and its descendants, recording the calling stack. Idempotent: the first
     * reason wins and later calls return false.
     */
    public final boolean cancel(String reason) {
        return cancel(reason, StackSnapshot.capture());
    }

    /** As {@link #cancel(String)}, with a stack the caller captured (or {@link StackSnapshot#EMPTY}). */
    public final boolean cancel(String reason, StackSnapshot stack) {
        if (cancellation != null) {
            return false;
        }
        return cancelWith(newCancellation(reason, stack), true);
    }

    /**
     * Cancels this scope with a cancellation that entered elsewhere (an executor's
     * {@code shutdownNow()} reaching the task running on a worker): reports then name that origin.
     */
    public final boolean adopt(Cancellation c) {
        return cancelWith(c, true);
    }

    /** A new cancellation record of this scope, captured now, without applying it. */
    public final Cancellation newCancellation(String reason, StackSnapshot stack) {
        OutliveRuntime runtime = OutliveRuntime.get();
        return new Cancellation(reason, runtime.clock().epochMillis(), runtime.clock().nanoTime(), stack, this);
    }

    /**
     * Records {@code c} unless this scope was already cancelled, runs the pending actions, and passes
     * the record down to linked children. Only the scope where the cancellation entered tells the
     * runtime; the tracker walks the subtree from there.
     */
    final boolean cancelWith(Cancellation c, boolean announce) {
        if (!CANCELLATION.compareAndSet(this, (Cancellation) null, c)) {
            return false;
        }
        if (countsAsOpen()) {
            OPEN.decrement();
        }
        // Iterative, not recursive: trees may be thousands of levels deep.
        ArrayDeque<ScopeNode> reached = new ArrayDeque<>();
        reached.add(this);
        ArrayList<ScopeNode> linked = new ArrayList<>();
        for (ScopeNode n = reached.poll(); n != null; n = reached.poll()) {
            LinkedChildren children = n.children;
            if (children != null) {
                linked.clear();
                children.copyTo(linked);
                for (ScopeNode child : linked) {
                    if (CANCELLATION.compareAndSet(child, (Cancellation) null, c)) {
                        if (child.countsAsOpen()) {
                            OPEN.decrement();
                        }
                        reached.add(child);
                    }
                }
            }
            n.runActions();
        }
        if (announce) {
            OutliveRuntime.get().observer().scopeCancelled(this, c);
        }
        return true;
    }

    /** Runs {@code action} once when this scope is cancelled, or now if it already is. */
    public final void onCancel(Runnable action) {
        if (action == null) {
            throw new NullPointerException("action");
        }
        for (;;) {
            Object current = actions;
            if (current == DRAINED) {
                runSafely(action);
                return;
            }
            boolean first = current == null;
            if (first) {
                pin(); // links this scope so that an ancestor's cancellation reaches the action
            }
            if (ACTIONS.compareAndSet(this, current, new ActionList(action, (ActionList) current))) {
                break;
            }
            if (first) {
                unpin();
            }
        }
        // An ancestor may have been cancelled before the link existed: catch up.
        Cancellation inherited = cancellation();
        if (inherited != null) {
            cancelWith(inherited, false);
            runActions();
        }
    }

    private void runActions() {
        Object pending = ACTIONS.getAndSet(this, DRAINED);
        if (pending == null || pending == DRAINED) {
            return;
        }
        ArrayList<Runnable> inOrder = new ArrayList<>();
        for (ActionList a = (ActionList) pending; a != null; a = a.next) {
            inOrder.add(a.action);
        }
        for (int i = inOrder.size() - 1; i >= 0; i--) {
            runSafely(inOrder.get(i));
        }
        unpin();
    }

    private void runSafely(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            // One failing action must not keep the others from running.
            OutliveRuntime.get().observer().actionFailed(this, t);
        }
    }

    /** Cancels this scope when {@code dueNanos} (on the runtime clock) arrives. */
    public final void cancelAt(long dueNanos) {
        if (isCancelled()) {
            return;
        }
        // The deadline's "cancel site" is where it was set: that is the code a reader must change.
        Cancellable timer = OutliveRuntime.get().scheduler().schedule(dueNanos,
                new DeadlineExpiry(this, StackSnapshot.capture()));
        onCancel(new TimerRelease(timer));
    }

    /** Pins this scope for as long as it is live or busy; links it into its parent on the first pin. */
    public final void pin() {
        // Walks up while each step makes a 0 -> 1 transition: iterative, for deep trees.
        for (ScopeNode n = this; n != null && n.parent != null && n.increment(); n = n.parent) {
            // n is now linked into its parent; the loop goes on to pin the parent
        }
        if (parent != null) {
            Cancellation inherited = parent.cancellation();
            if (inherited != null) {
                // An ancestor was cancelled before the link existed: the propagation missed us.
                cancelWith(inherited, lateJoiner());
            }
        }
    }

    /** Adds one pin; true when it was the first (the node was then linked into its parent). */
    private boolean increment() {
        for (;;) {
            int p = pins;
            if (p > 0) {
                if (PINS.compareAndSet(this, p, p + 1)) {
                    return false;
                }
                continue;
            }
            synchronized (this) { // serialises the 0 -> 1 and 1 -> 0 transitions with the link changes
                if (PINS.compareAndSet(this, 0, 1)) {
                    if (parent != null) {
                        parent.childSet().add(this);
                    }
                    return true;
                }
            }
        }
    }

    /**
     * Whether a cancellation that reached this scope only when it was linked should be announced to
     * the runtime on its own: true for work (tasks) started into an already cancelled scope.
     */
    protected boolean lateJoiner() {
        return false;
    }

    /** Releases one pin; unlinks this scope from its parent when the last one goes. */
    public final void unpin() {
        for (ScopeNode n = this; n != null && n.decrement(); n = n.parent) {
            // n was unlinked from its parent; the loop goes on to release the parent's pin
        }
    }

    /** Removes one pin; true when it was the last (the node was then unlinked from its parent). */
    private boolean decrement() {
        for (;;) {
            int p = pins;
            if (p > 1) {
                if (PINS.compareAndSet(this, p, p - 1)) {
                    return false;
                }
                continue;
            }
            if (p <= 0) {
                return false; // defensive: an unbalanced unpin is ignored rather than corrupting the count
            }
            synchronized (this) {
                if (PINS.compareAndSet(this, 1, 0)) {
                    if (parent != null) {
                        parent.childSet().remove(this);
                    }
                    return true;
                }
            }
        }
    }

    private LinkedChildren childSet() {
        LinkedChildren set = children;
        if (set == null) {
            LinkedChildren fresh = new LinkedChildren();
            set = CHILDREN.compareAndSet(this, (LinkedChildren) null, fresh) ? fresh : children;
        }
        return set;
    }

    /** True while this scope is linked into its parent (or, for a root, pinned). */
    public final boolean isPinned() {
        return pins > 0;
    }

    /** Visits the linked children (a weakly consistent view). */
    public final void forEachLinkedChild(Consumer<ScopeNode> visitor) {
        LinkedChildren set = children;
        if (set != null) {
            ArrayList<ScopeNode> copy = new ArrayList<>();
            set.copyTo(copy);
            for (ScopeNode child : copy) {
                visitor.accept(child);
            }
        }
    }

    /** The public facade for this node, created on first use (tasks rarely need one). */
    public final Scope facade() {
        Scope f = facade;
        if (f == null) {
            Scope fresh = ScopeFacades.wrap(this);
            f = FACADE.compareAndSet(this, (Scope) null, fresh) ? fresh : facade;
        }
        return f;
    }

    @Override
    public String toString() {
        return String.join("/", path());
    }

    /** Pending actions, newest first. */
    private static final class ActionList {
        final Runnable action;
        final ActionList next;

        ActionList(Runnable action, ActionList next) {
            this.action = action;
            this.next = next;
        }
    }

    private static final class DeadlineExpiry implements Runnable {
        private final ScopeNode node;
        private final StackSnapshot setAt;

        DeadlineExpiry(ScopeNode node, StackSnapshot setAt) {
            this.node = node;
            this.setAt = setAt;
        }

        @Override
        public void run() {
            node.cancel("deadline exceeded", setAt);
        }
    }

    private static final class TimerRelease implements Runnable {
        private final Cancellable timer;

        TimerRelease(Cancellable timer) {
            this.timer = timer;
        }

        @Override
        public void run() {
            timer.cancel();
        }
    }
}
