package dev.outlive.agent.instrument;

import org.objectweb.asm.Opcodes;

/**
 * Which methods of a hooked class take a weave: by name, argument descriptors and a few modifiers,
 * read straight off the class file (JDK internals move between releases, so names and arities are
 * all we rely on).
 */
final class MethodMatcher {
    private final String[] names;
    /** The argument part of the descriptor, e.g. {@code "Ljava/lang/Object;J"}; null for any. */
    private final String arguments;
    private final boolean argumentsArePrefix;
    private final String returnDescriptor;
    private final int requiredAccess;
    private final int forbiddenAccess;

    private MethodMatcher(String[] names, String arguments, boolean argumentsArePrefix, String returnDescriptor,
                          int requiredAccess, int forbiddenAccess) {
        this.names = names;
        this.arguments = arguments;
        this.argumentsArePrefix = argumentsArePrefix;
        this.returnDescriptor = returnDescriptor;
        this.requiredAccess = requiredAccess;
        this.forbiddenAccess = forbiddenAccess;
    }

    /** Methods with one of these names (native and abstract ones never match: they have no code). */
    static MethodMatcher named(String... names) {
        return new MethodMatcher(names, null, false, null, 0, Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT);
    }

    /** Every constructor. */
    static MethodMatcher constructors() {
        return named("<init>");
    }

    /** Exactly these argument descriptors, concatenated ({@code ""} for none). */
    MethodMatcher args(String descriptors) {
        return new MethodMatcher(names, descriptors, false, returnDescriptor, requiredAccess, forbiddenAccess);
    }

    /** Arguments that begin with these descriptors ({@code "J"} matches {@code (J)} and {@code (JI)}). */
    MethodMatcher argsStartingWith(String descriptors) {
        return new MethodMatcher(names, descriptors, true, returnDescriptor, requiredAccess, forbiddenAccess);
    }

    MethodMatcher returning(String descriptor) {
        return new MethodMatcher(names, arguments, argumentsArePrefix, descriptor, requiredAccess, forbiddenAccess);
    }

    MethodMatcher onlyStatic() {
        return new MethodMatcher(names, arguments, argumentsArePrefix, returnDescriptor,
                requiredAccess | Opcodes.ACC_STATIC, forbiddenAccess);
    }

    MethodMatcher notStatic() {
        return new MethodMatcher(names, arguments, argumentsArePrefix, returnDescriptor,
                requiredAccess, forbiddenAccess | Opcodes.ACC_STATIC);
    }

    boolean matches(int access, String name, String descriptor) {
        if ((access & requiredAccess) != requiredAccess || (access & forbiddenAccess) != 0 || !nameMatches(name)) {
            return false;
        }
        int close = descriptor.indexOf(')');
        if (arguments != null) {
            String actual = descriptor.substring(1, close);
            if (argumentsArePrefix ? !actual.startsWith(arguments) : !actual.equals(arguments)) {
                return false;
            }
        }
        return returnDescriptor == null || descriptor.substring(close + 1).equals(returnDescriptor);
    }

    private boolean nameMatches(String name) {
        for (String n : names) {
            if (n.equals(name) || (n.endsWith("*") && name.startsWith(n.substring(0, n.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
