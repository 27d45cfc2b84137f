package dev.outlive.bench;

/**
 * The smallest possible program, for start-up time: {@link OverheadRunner} launches it with and without
 * the agent and compares wall-clock time from process start to exit, so nearly all of the difference is
 * the agent's premain and its instrumentation of the already loaded JDK classes.
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    /**
     * Prints one line and returns.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
