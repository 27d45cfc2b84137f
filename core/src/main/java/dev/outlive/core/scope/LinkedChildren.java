package dev.outlive.core.scope;

import java.util.Collection;

/**
 * The linked children of one scope. Children link and unlink on every tracked task's start and end,
 * from the submitting thread and the workers at once, so this is kept cheap: a few lock stripes, each
 * a doubly linked list threaded through the children themselves. Nothing is allocated per child,
 * there is no shared size to update and nothing to resize (a concurrent hash set spent most of a
 * tracked task's overhead on exactly those). Readers (cancellation, leak checks, dumps) copy a stripe
 * under its lock; a child linked after the copy is handled by {@code pin()}'s own check of its parent.
 */
final class LinkedChildren {
    private static final int STRIPES = 4; // a power of two

    private final Stripe[] stripes = {new Stripe(), new Stripe(), new Stripe(), new Stripe()};

    /** One list; its monitor guards the sibling links of every child in it. */
    private static final class Stripe {
        ScopeNode head;
    }

    void add(ScopeNode child) {
        Stripe s = stripeOf(child);
        synchronized (s) {
            ScopeNode first = s.head;
            child.prevSibling = null;
            child.nextSibling = first;
            if (first != null) {
                first.prevSibling = child;
            }
            s.head = child;
        }
    }

    void remove(ScopeNode child) {
        Stripe s = stripeOf(child);
        synchronized (s) {
            ScopeNode before = child.prevSibling;
            ScopeNode after = child.nextSibling;
            if (before != null) {
                before.nextSibling = after;
            } else if (s.head == child) {
                s.head = after;
            } else {
                return; // not linked here
            }
            if (after != null) {
                after.prevSibling = before;
            }
            child.prevSibling = null;
            child.nextSibling = null;
        }
    }

    /** Adds the children linked now to {@code out}. */
    void copyTo(Collection<ScopeNode> out) {
        for (Stripe s : stripes) {
            synchronized (s) {
                for (ScopeNode c = s.head; c != null; c = c.nextSibling) {
                    out.add(c);
                }
            }
        }
    }

    private Stripe stripeOf(ScopeNode child) {
        // consecutive ids (one submitter's tasks) fall in different stripes from each other
        return stripes[(int) child.id() & (STRIPES - 1)];
    }
}
