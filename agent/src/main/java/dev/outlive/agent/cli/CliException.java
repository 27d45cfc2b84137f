package dev.outlive.agent.cli;

/** A command failed in a way the user can act on: the message is the one line printed; exit status 2. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message, null, false, false);
    }
}
