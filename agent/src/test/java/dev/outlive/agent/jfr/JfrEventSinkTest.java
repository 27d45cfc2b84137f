package dev.outlive.agent.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JfrEventSinkTest {
    @Test
    void theSpawnSiteIsTheFirstFrameOutsideTheJdk() {
        assertEquals("com.acme.Main.start(Main.java:21)", JfrEventSink.spawnSite(List.of(
                "java.lang.Thread.start(Thread.java:1413)",
                "java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1355)",
                "com.acme.Main.start(Main.java:21)",
                "com.acme.Main.main(Main.java:9)")));
    }

    @Test
    void onlyJdkFramesGiveTheInnermostAndNoFramesGiveNull() {
        assertEquals("java.lang.Thread.start(Thread.java:1413)", JfrEventSink.spawnSite(List.of(
                "java.lang.Thread.start(Thread.java:1413)", "sun.rmi.transport.tcp.TCPTransport.listen(TCPTransport.java:307)")));
        assertNull(JfrEventSink.spawnSite(List.of()));
    }
}
