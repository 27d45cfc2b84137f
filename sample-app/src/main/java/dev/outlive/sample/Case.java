package dev.outlive.sample;

/**
 * One classic cancellation bug, as a leaky and a fixed twin.
 *
 * <p>Both variants run inside a {@link dev.outlive.Scope} that stands for a request: the caller opens
 * it, calls {@link #runLeaky} or {@link #runFixed}, and closes it when the method returns, which
 * cancels the request. The methods start their work, wait until it is really running, and return;
 * after the close, the leaky variant's work keeps going (the leak) while the fixed variant's work
 * ends well within the agent's grace.
 */
public interface Case {
    /** A short name used on the command line: {@code leaky:<name>}, {@code fixed:<name>}. */
    String name();

    /** One line on the bug, for listings and the tour table. */
    String summary();

    /**
     * The kind Outlive should ideally report for the leaky variant (DESIGN §2), which may be ahead
     * of what the agent reports today: the tour shows both.
     */
    String expectedKind();

    /** The lowest JDK feature release the case runs on. */
    default int minJdk() {
        return 17;
    }

    /** Starts the leaky variant in the current scope and returns once its work runs. */
    void runLeaky(Env env) throws Exception;

    /** Starts the fixed variant in the current scope and returns once its work runs. */
    void runFixed(Env env) throws Exception;
}
