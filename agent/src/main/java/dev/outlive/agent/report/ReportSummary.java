package dev.outlive.agent.report;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code check} and {@code baseline=} need from a report file: its leaks, its known leaks and
 * their signatures. Read by {@link ReportReader}.
 *
 * @param schema the report's schema, always {@code outlive.report/v1}
 * @param leaks the report's {@code leaks}, in file order
 * @param knownLeaks the report's {@code knownLeaks} (leaks a baseline already covered), in file order
 */
public record ReportSummary(String schema, List<Leak> leaks, List<Leak> knownLeaks) {

    /** Copies the lists so that the summary is immutable. */
    public ReportSummary {
        leaks = List.copyOf(leaks);
        knownLeaks = List.copyOf(knownLeaks);
    }

    /**
     * One leak of a report, enough to name it on one line.
     *
     * @param id {@code L1}, {@code L2}, ...
     * @param kind the leak kind's name ({@code IGNORED_CANCELLATION}); a string, not the enum, so
     *             that reports from newer agents with kinds this one does not know still read
     * @param signature the stable signature baselines match on, or null if the file has none
     * @param description {@code task 42 "pool-1-thread-1" spawned at com.acme.Main.start(Main.java:21)}
     */
    public record Leak(String id, String kind, String signature, String description) {
        /** {@code L1 IGNORED_CANCELLATION 3f2a... task 42 "pool-1-thread-1" spawned at ...}. */
        public String oneLine() {
            return id + ' ' + kind + ' ' + (signature == null ? "-" : signature) + ' ' + description;
        }
    }

    /**
     * The signatures this report accepts when used as a baseline: those of its leaks and of its
     * known leaks. Known leaks count because a report written with a baseline lists the baseline's
     * leaks as known; using that report as the next baseline must keep accepting them.
     *
     * @return the signatures, in file order
     */
    public Set<String> signatures() {
        Set<String> all = new LinkedHashSet<>();
        for (Leak l : leaks) {
            all.add(l.signature());
        }
        for (Leak l : knownLeaks) {
            all.add(l.signature());
        }
        // A leak with no signature (a hand-edited file) matches nothing, not every other such leak.
        all.remove(null);
        return Collections.unmodifiableSet(all);
    }
}
