package dev.outlive.agent.instrument;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One advice on one JDK method: where, what, and from which JDK feature release on it must take
 * (so the start-up self-test knows what to expect on the running JDK).
 */
final class Hook {
    final String label;
    final String typeName;
    final ElementMatcher<? super MethodDescription> methods;
    final Class<?> advice;
    final int sinceFeature;

    Hook(String label, String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice, int sinceFeature) {
        this.label = label;
        this.typeName = typeName;
        this.methods = methods;
        this.advice = advice;
        this.sinceFeature = sinceFeature;
    }
}
