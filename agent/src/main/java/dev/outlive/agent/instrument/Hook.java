package dev.outlive.agent.instrument;

/**
 * One weave on the methods of one JDK class: where, what, and from which JDK feature release on it
 * must take (so the start-up self-test knows what to expect on the running JDK; 0 for "never
 * required").
 */
final class Hook {
    final String label;
    final String typeName;
    final MethodMatcher methods;
    final Weave weave;
    final int sinceFeature;

    Hook(String label, String typeName, MethodMatcher methods, Weave weave, int sinceFeature) {
        this.label = label;
        this.typeName = typeName;
        this.methods = methods;
        this.weave = weave;
        this.sinceFeature = sinceFeature;
    }

    String internalTypeName() {
        return typeName.replace('.', '/');
    }

    @Override
    public String toString() {
        return label;
    }
}
