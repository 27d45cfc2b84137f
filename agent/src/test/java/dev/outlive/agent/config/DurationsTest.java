package dev.outlive.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void parsesEachUnit() {
        assertEquals(500, Durations.parseMillis("500ms"));
        assertEquals(2_000, Durations.parseMillis("2s"));
        assertEquals(60_000, Durations.parseMillis("1m"));
    }

    @Test
    void zeroNeedsNoUnit() {
        assertEquals(0, Durations.parseMillis("0"));
        assertEquals(0, Durations.parseMillis("0ms"));
        assertEquals(0, Durations.parseMillis("0s"));
    }

    @Test
    void trimsAndIgnoresUnitCase() {
        assertEquals(3_000, Durations.parseMillis(" 3S "));
        assertEquals(7, Durations.parseMillis("7MS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1s", "+1s", "5", "1h", "2sec", "1.5s", "s", "2 s", "soon",
            "99999999999999999999ms", "9223372036854775807m"})
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(text));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(null));
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertEquals("0ms", Durations.format(0));
        assertEquals("1500ms", Durations.format(1_500));
        assertEquals("2s", Durations.format(2_000));
        assertEquals("90s", Durations.format(90_000));
        assertEquals("2m", Durations.format(120_000));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1_000, 61_000, 3_600_000})
    void formatRoundTrips(long millis) {
        assertEquals(millis, Durations.parseMillis(Durations.format(millis)));
    }

    @Test
    void formatRejectsNegative() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(-1));
    }
}
