package dev.outlive.agent.instrument;

/**
 * Where one argument of a woven bridge call comes from. The weaver can pass only what the hooked
 * method has at hand, which keeps the woven code a handful of loads and one static call.
 */
final class Source {
    enum Kind { THIS, ARGUMENT, ENTER, RETURN, THROWN, METHOD_NAME, NULL }

    /** The receiver of the hooked method. */
    static final Source THIS = new Source(Kind.THIS, -1);
    /** What the enter call returned (a task record for blocking calls and runs). */
    static final Source ENTER = new Source(Kind.ENTER, -1);
    /** The hooked method's return value (its type's zero when it threw); must be the first argument. */
    static final Source RETURN = new Source(Kind.RETURN, -1);
    /** What the hooked method threw, or null when it returned. */
    static final Source THROWN = new Source(Kind.THROWN, -1);
    /** {@code declaring.Type.methodName}, as reports show the blocking call. */
    static final Source METHOD_NAME = new Source(Kind.METHOD_NAME, -1);
    /** A null reference (an overload without that argument). */
    static final Source NULL = new Source(Kind.NULL, -1);

    final Kind kind;
    final int index;

    private Source(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    /** The hooked method's argument at {@code index} (0 is the first declared parameter). */
    static Source arg(int index) {
        return new Source(Kind.ARGUMENT, index);
    }

    @Override
    public String toString() {
        return kind == Kind.ARGUMENT ? "arg" + index : kind.name();
    }
}
