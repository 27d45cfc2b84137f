package dev.outlive.core.stack;

/** Tells JDK code from application code in a stack. */
public final class JdkFrames {
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private JdkFrames() {
    }

    public static boolean isJdkClass(String className) {
        for (String p : JDK_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The first frame that is neither JDK nor Outlive code, or null. */
    public static StackTraceElement firstUserFrame(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            if (!isJdkClass(f.getClassName()) && !StackFrames.isOwnFrame(f.getClassName())) {
                return f;
            }
        }
        return null;
    }
}
