package dev.outlive.junit;

import dev.outlive.junit.internal.LeakCheckExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test whose threads, executor tasks or async stages outlive it.
 *
 * <p>Each annotated test class runs in a {@code TEST} scope (from {@code @BeforeAll} to
 * {@code @AfterAll}) and each test in a child {@code TEST} scope that is current on the test thread
 * from the extension's {@code beforeEach} to its {@code afterEach}, so work started by the test and
 * by its {@code @BeforeEach} methods belongs to the test. When the test ends its scope is cancelled
 * (reason {@code test finished}), the extension waits up to {@link #grace()} for the scope's work to
 * end, and fails the test with Outlive's text report of whatever is still alive. A test that already
 * failed keeps its own failure and gets the leak report as a suppressed exception.
 *
 * <p>Run the tests with {@code -javaagent:outlive-agent.jar} for full reports (spawn stacks,
 * executor tasks, virtual threads, exact attribution under parallel execution). Without the agent
 * the extension falls back to comparing the live platform threads before and after each test.
 *
 * <p>On a method, the method's attributes win over its class's. The extension can also be applied to
 * every test, with the default settings, through JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LeakCheckExtension.class)
public @interface LeakCheck {
    /** How long the test's work may run after the test ended: {@code 500ms}, {@code 2s}, {@code 1m}. */
    String grace() default "500ms";

    /**
     * Patterns of work not to report, as in the agent's {@code ignore} option: a class or method name
     * ({@code com.acme.Cache.refresh}) or a glob ({@code okhttp3.*}), matched against the spawn stack,
     * the spawn stacks of the tasks that spawned it, and the top frame of the current stack.
     */
    String[] ignore() default {};
}
