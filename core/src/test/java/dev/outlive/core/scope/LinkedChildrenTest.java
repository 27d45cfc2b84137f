package dev.outlive.core.scope;

import dev.outlive.ScopeKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkedChildrenTest {
    private final ScopeNode parent = ScopeNode.root(ScopeKind.EXPLICIT, "parent");

    @Test
    void removesHeadsMiddlesAndTailsOfEveryStripeAndIgnoresStrangers() {
        LinkedChildren set = new LinkedChildren();
        List<ScopeNode> nodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ScopeNode n = ScopeNode.child(parent, ScopeKind.EXPLICIT, "c" + i);
            nodes.add(n);
            set.add(n);
        }
        set.remove(ScopeNode.child(parent, ScopeKind.EXPLICIT, "never linked"));
        Set<ScopeNode> expected = new HashSet<>(nodes);
        for (int i : new int[] {0, 19, 10, 4, 5, 6, 7, 15}) {
            set.remove(nodes.get(i));
            set.remove(nodes.get(i)); // twice: no harm
            expected.remove(nodes.get(i));
            assertEquals(expected, contents(set));
        }
    }

    @Test
    void concurrentLinksAndUnlinksLeaveExactlyTheLinkedChildren() throws Exception {
        LinkedChildren set = new LinkedChildren();
        int threads = 4;
        int perThread = 5_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<ScopeNode>>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kept.add(pool.submit(() -> {
                List<ScopeNode> mine = new ArrayList<>();
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    ScopeNode n = ScopeNode.child(parent, ScopeKind.EXPLICIT, "n");
                    set.add(n);
                    if (i % 3 == 0) {
                        mine.add(n); // stays linked
                    } else {
                        set.remove(n);
                    }
                }
                return mine;
            }));
        }
        Set<ScopeNode> expected = new HashSet<>();
        for (Future<List<ScopeNode>> f : kept) {
            expected.addAll(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(expected, contents(set));
    }

    private static Set<ScopeNode> contents(LinkedChildren set) {
        List<ScopeNode> copy = new ArrayList<>();
        set.copyTo(copy);
        Set<ScopeNode> unique = new HashSet<>(copy);
        assertEquals(copy.size(), unique.size(), "no child twice");
        return unique;
    }
}
