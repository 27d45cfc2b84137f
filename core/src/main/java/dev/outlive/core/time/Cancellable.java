package dev.outlive.core.time;

/** A scheduled action that can be withdrawn before it runs. */
public interface Cancellable {
    /** Withdraws the action; harmless if it already ran. */
    void cancel();
}
