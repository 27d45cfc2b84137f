package dev.outlive.agent.instrument;

/**
 * A class the weaver tests rewrite and load in a class loader of their own, where the JVM verifies
 * it: its methods have the shapes that break careless weaving (several returns, loops and their
 * stack map frames, a handler of their own, wide arguments, a static method, a constructor).
 */
public class WovenSample {
    private final String prefix;

    public WovenSample() {
        this.prefix = "hi ";
    }

    public String greet(String name) {
        if (name.isEmpty()) {
            return "nobody";
        }
        String loud = name;
        for (int i = 0; i < 2; i++) {
            loud = loud + "!";
        }
        return prefix + loud;
    }

    public static long twice(long value, int sign) {
        long result = value * 2;
        try {
            if (sign < 0) {
                throw new IllegalStateException("negative");
            }
        } catch (IllegalStateException handledHere) {
            result = -1;
        }
        return result;
    }

    public boolean check(boolean fail) {
        if (fail) {
            throw new IllegalArgumentException("asked to fail");
        }
        return true;
    }

    public void nothing() {
    }
}
