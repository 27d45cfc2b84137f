package dev.outlive.agent.config;

/**
 * A bad agent configuration: an unknown option, a bad value or an unreadable file.
 *
 * <p>{@link #getMessage()} is the whole diagnostic, one line starting with {@code outlive: }, so that the
 * premain can print it as it is and halt the JVM; there is deliberately no cause chain to print, because a
 * stack trace at JVM start would bury the one line the user needs.
 */
public final class OptionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the complete one-line diagnostic, starting with {@code outlive: }
     */
    public OptionsException(String message) {
        // No stack trace: the message is all that is ever shown, and this runs during JVM start.
        super(message, null, false, false);
    }
}
