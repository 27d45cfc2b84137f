package dev.outlive.junit.internal;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.junit.LeakCheck;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings in force for one test or test class: the nearest {@link LeakCheck} (method, then
 * class, then enclosing classes of a {@code @Nested} class), or the defaults when the extension was
 * auto-detected.
 */
record Settings(long graceMillis, String graceText, IgnoreFilter ignore) {
    static final Settings DEFAULTS = new Settings(500, "500ms", IgnoreFilter.NONE);

    static Settings of(ExtensionContext context) {
        Optional<LeakCheck> found = context.getTestMethod().flatMap(m -> find(m));
        for (Class<?> c = context.getTestClass().orElse(null); found.isEmpty() && c != null; c = c.getEnclosingClass()) {
            found = find(c);
        }
        return found.map(Settings::from).orElse(DEFAULTS);
    }

    private static Optional<LeakCheck> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LeakCheck.class);
    }

    static Settings from(LeakCheck annotation) {
        long grace = parseDuration(annotation.grace());
        for (String p : annotation.ignore()) {
            String problem = IgnoreFilter.problemWith(p);
            if (problem != null) {
                throw new ExtensionConfigurationException("@LeakCheck(ignore = \"" + p + "\"): " + problem);
            }
        }
        return new Settings(grace, annotation.grace().trim(), IgnoreFilter.parse(String.join(";", annotation.ignore())));
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m} (the agent's duration syntax) in milliseconds. */
    static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String digits;
        if (t.endsWith("ms")) {
            unit = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            throw badGrace(text);
        }
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw badGrace(text);
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw badGrace(text);
        }
    }

    private static ExtensionConfigurationException badGrace(String text) {
        return new ExtensionConfigurationException("@LeakCheck(grace = \"" + text
                + "\"): not a duration (use a whole number with ms, s or m, like 500ms or 2s)");
    }
}
