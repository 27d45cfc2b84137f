package dev.outlive.agent.report;

/**
 * A report file that cannot be used: missing, unreadable, not JSON, or not an
 * {@code outlive.report/v1} report. The message is one line meant for the user as it is
 * ({@code outlive: cannot read report 'x.json': no such file}).
 */
public final class ReportFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Reason {
        /** The file does not exist. */
        MISSING,
        /** The file exists but cannot be read (a directory, no permission, an I/O error). */
        UNREADABLE,
        /** The content is not JSON. */
        INVALID_JSON,
        /** JSON, but not an {@code outlive.report/v1} report. */
        NOT_A_REPORT
    }

    private final Reason reason;

    /**
     * @param reason what is wrong
     * @param message the one-line message for the user
     * @param cause the underlying exception, or null
     */
    public ReportFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What is wrong with the file; lets callers react without parsing the message. */
    public Reason reason() {
        return reason;
    }
}
