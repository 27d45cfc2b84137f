package dev.outlive.bridge;

import dev.outlive.core.OutliveRuntime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a hook's own failure goes: counted, and the first of each site handed to the runtime (whose
 * agent-side observer logs it later, on Outlive's thread). The application never sees it.
 */
public final class BridgeFailures {
    private static final ConcurrentHashMap<String, Boolean> SEEN = new ConcurrentHashMap<>();
    private static volatile int count;

    private BridgeFailures() {
    }

    public static void report(String site, Throwable failure) {
        count++;
        try {
            if (SEEN.putIfAbsent(site, Boolean.TRUE) == null) {
                OutliveRuntime.get().observer().internalError(site, failure);
            }
        } catch (Throwable ignored) {
            // nothing more can be done without risking the application
        }
    }

    /** Failures inside hooks since start-up (tests fail when this is not zero). */
    public static int count() {
        return count;
    }
}
