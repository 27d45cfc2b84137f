package dev.outlive.core.report;

/**
 * The call a reported task is blocked in: JSON {@code blockingCall}. {@code since} is an ISO-8601
 * instant; {@code parkBlocker} the blocker's class and identity hash, or null.
 */
public record BlockingCallView(String method, String since, long blockedMillis, boolean interruptible, String parkBlocker) {
}
