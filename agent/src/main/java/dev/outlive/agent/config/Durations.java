package dev.outlive.agent.config;

/**
 * Parses and formats the durations of the options: a whole number followed by {@code ms}, {@code s} or
 * {@code m} ({@code 500ms}, {@code 2s}, {@code 1m}); a bare {@code 0} is also accepted because zero needs
 * no unit.
 *
 * <p>The syntax is kept this small on purpose: the options are typed by hand on command lines, and every
 * extra form (fractions, hours, ISO-8601) is another way to be surprised by what a value means.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text for instance {@code 500ms}, {@code 2s}, {@code 1m} or {@code 0}; surrounding whitespace
     *     is ignored and units are case-insensitive
     * @return the duration in milliseconds, never negative
     * @throws IllegalArgumentException when the text is not such a duration (negative, fractional, no unit
     *     on a non-zero number, an unknown unit, or too large for a {@code long} of milliseconds)
     */
    public static long parseMillis(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no duration");
        }
        String s = text.trim();
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            // Also rejects a sign: "-1s" and "+1s" are not durations.
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration too large: " + text);
        }
        String unit = s.substring(digits).toLowerCase(java.util.Locale.ROOT);
        long factor;
        switch (unit) {
            case "ms":
                factor = 1;
                break;
            case "s":
                factor = 1_000;
                break;
            case "m":
                factor = 60_000;
                break;
            case "":
                // Only zero may omit the unit: "5" could mean seconds or milliseconds, so it is refused.
                if (amount == 0) {
                    return 0;
                }
                throw new IllegalArgumentException("duration without a unit: " + text);
            default:
                throw new IllegalArgumentException("unknown duration unit '" + unit + "': " + text);
        }
        try {
            return Math.multiplyExact(amount, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too large: " + text);
        }
    }

    /**
     * Formats milliseconds in the largest unit that represents them exactly, so that what is shown
     * round-trips through {@link #parseMillis}: {@code 2000} is {@code 2s}, {@code 120000} is {@code 2m},
     * {@code 1500} is {@code 1500ms}, {@code 0} is {@code 0ms}.
     *
     * @param millis a non-negative number of milliseconds
     * @return the formatted duration
     * @throws IllegalArgumentException when {@code millis} is negative
     */
    public static String format(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration: " + millis);
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        if (millis != 0 && millis % 1_000 == 0) {
            return (millis / 1_000) + "s";
        }
        return millis + "ms";
    }
}
