package dev.outlive.agent.instrument;

/**
 * What is woven into a hooked method: a bridge call on entry (whose result may replace an argument or
 * be kept for the exit call), and a bridge call on every return and, optionally, when the method
 * throws. The woven code has no branches of its own: decisions live in the bridge.
 */
final class Weave {
    final BridgeCall enter;
    /** The argument the enter call's result replaces, or -1 (then the result is kept for {@link Source#ENTER}). */
    final int replacesArgument;
    final BridgeCall exit;
    /** Whether the exit call also runs when the method throws (then the method is wrapped in a catch-all that rethrows). */
    final boolean exitOnThrow;

    private Weave(BridgeCall enter, int replacesArgument, BridgeCall exit, boolean exitOnThrow) {
        this.enter = enter;
        this.replacesArgument = replacesArgument;
        this.exit = exit;
        this.exitOnThrow = exitOnThrow;
    }

    static Weave onEnter(BridgeCall enter) {
        return new Weave(enter, -1, null, false);
    }

    static Weave onExit(BridgeCall exit) {
        return new Weave(null, -1, exit, false);
    }

    /** The enter call returns the value to use for argument {@code index} from then on. */
    Weave replacingArgument(int index) {
        return new Weave(enter, index, exit, exitOnThrow);
    }

    /** Adds an exit call that runs on return only. */
    Weave thenOnReturn(BridgeCall call) {
        return new Weave(enter, replacesArgument, call, false);
    }

    /** Adds an exit call that runs on return and when the method throws (which it then rethrows). */
    Weave thenOnExit(BridgeCall call) {
        return new Weave(enter, replacesArgument, call, true);
    }

    /** Whether the enter call's result must be kept in a local for the exit call. */
    boolean keepsEnterResult() {
        return enter != null && replacesArgument < 0 && exit != null && exit.uses(Source.Kind.ENTER);
    }

    /** Whether this weave can go into a method of this descriptor (a void method has no return value to pass). */
    boolean fits(String methodDescriptor) {
        return exit == null || !exit.uses(Source.Kind.RETURN) || !methodDescriptor.endsWith(")V");
    }

    @Override
    public String toString() {
        return "enter " + enter + (replacesArgument >= 0 ? " -> arg" + replacesArgument : "")
                + ", exit " + exit + (exitOnThrow ? " (also on throw)" : "");
    }
}
