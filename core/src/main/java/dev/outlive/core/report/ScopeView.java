package dev.outlive.core.report;

import java.util.List;

/**
 * The scope whose cancellation a finding is about: JSON {@code scope}. {@code cancelledAt} is an ISO-8601
 * instant; {@code cancelStack} the canceller's frames, innermost first.
 */
public record ScopeView(long id, String name, String kind, List<String> path,
                        String cancelledAt, String cancelReason, List<String> cancelStack) {
}
