package dev.outlive.junit.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {
    @Test
    void parsesTheAgentsDurations() {
        assertEquals(500, Settings.parseDuration("500ms"));
        assertEquals(2_000, Settings.parseDuration("2s"));
        assertEquals(60_000, Settings.parseDuration(" 1m "));
        assertEquals(0, Settings.parseDuration("0ms"));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "500", "soon", "-1s", "1.5s", "ms"}) {
            ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                    () -> Settings.parseDuration(bad), bad);
            assertEquals(true, e.getMessage().contains("not a duration"), e.getMessage());
        }
    }
}
