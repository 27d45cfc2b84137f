package dev.outlive.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A task the JDK drops without running it (removed, discarded, cancelled in the queue, purged,
 * completed before it started) is over: its record ends there, and nothing is ever reported about it,
 * on every JDK the build finds. Each fixture checks the live-task count itself (exit 96 if a record
 * stays live); the report must hold only the sentinel.
 */
class DroppedTasksIT {
    static Stream<Arguments> drops() {
        List<Arguments> args = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            for (String s : List.of("drop-remove-on-cancel", "drop-cancel-queued", "drop-remove", "drop-discard",
                    "drop-discard-oldest", "drop-timer-purge", "drop-cf-completed", "drop-forkjoin-cancel")) {
                args.add(Arguments.of(jdk, s));
            }
            if (jdk.feature() >= 21) {
                args.add(Arguments.of(jdk, "virtual-yields"));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("drops")
    void aTaskDroppedUnrunEndsAndIsNeverReported(Jdks.Jdk jdk, String scenario) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, SpawnPathsIT.OPTIONS, SpawnPathsIT.MAIN, scenario);
        r.assertOnlyTheSentinel();
    }
}
