package dev.outlive.agent.instrument;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Bridge calls for the weaver tests: each records what it was passed. */
public final class Recorder {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private Recorder() {
    }

    public static Object entered(Object self, String name) {
        CALLS.add("entered " + self.getClass().getSimpleName() + " " + name);
        return "token";
    }

    public static void exited(Object self, Object token, Throwable thrown) {
        CALLS.add("exited " + token + " " + describe(thrown));
    }

    public static String shout(String name) {
        return name.toUpperCase();
    }

    public static void returnedString(String value, String methodName) {
        CALLS.add("returned " + value + " from " + methodName);
    }

    public static void staticEntered(long value, int sign) {
        CALLS.add("static entered " + value + " " + sign);
    }

    public static void staticReturned(long value, Throwable thrown) {
        CALLS.add("static returned " + value + " " + describe(thrown));
    }

    public static void checked(boolean result, Object self, boolean fail, Throwable thrown) {
        CALLS.add("checked " + result + " " + fail + " " + describe(thrown));
    }

    public static void created(Object self) {
        CALLS.add("created " + self.getClass().getSimpleName());
    }

    public static void voidReturned(Object value) {
        CALLS.add("must never be woven");
    }

    private static String describe(Throwable thrown) {
        return thrown == null ? "-" : thrown.getClass().getSimpleName();
    }
}
