package dev.outlive.core.scope;

import dev.outlive.Scope;

import java.util.function.Function;

/**
 * Lets the internal {@link ScopeNode} create its public {@link Scope} facade, whose constructor is
 * private to the API package. {@code Scope} installs the factory when it is initialised.
 */
public final class ScopeFacades {
    private static volatile Function<ScopeNode, Scope> factory;

    private ScopeFacades() {
    }

    /** Called once, from {@code Scope}'s static initialiser. */
    public static void install(Function<ScopeNode, Scope> scopeFactory) {
        factory = scopeFactory;
    }

    static Scope wrap(ScopeNode node) {
        Function<ScopeNode, Scope> f = factory;
        if (f == null) {
            try {
                Class.forName(Scope.class.getName(), true, Scope.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f.apply(node);
    }
}
