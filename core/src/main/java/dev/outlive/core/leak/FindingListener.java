package dev.outlive.core.leak;

import dev.outlive.core.report.Finding;

/**
 * Hears about findings as the tracker makes them: the agent logs them, rewrites the JSON report and
 * sends JMX notifications. Called on Outlive's own timer thread, never on an application thread.
 */
public interface FindingListener {
    /** A new leak (not ignored, not known from the baseline). */
    void leakFound(Finding leak);

    /** A new warning. */
    void warningFound(Finding warning);

    /** A leak whose signature is in the baseline. */
    void knownLeakFound(Finding leak);

    /** A reported leak's task ended after all. */
    void lateFinish(Finding leak);

    /** A listener that ignores everything. */
    FindingListener NONE = new FindingListener() {
        @Override
        public void leakFound(Finding leak) {
        }

        @Override
        public void warningFound(Finding warning) {
        }

        @Override
        public void knownLeakFound(Finding leak) {
        }

        @Override
        public void lateFinish(Finding leak) {
        }
    };
}
