package dev.outlive.agent.instrument;

import org.objectweb.asm.Type;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/** One static call into the bridge, and where each of its arguments comes from. */
final class BridgeCall {
    final Class<?> owner;
    final String name;
    final List<Source> sources;
    private volatile Method method;

    BridgeCall(Class<?> owner, String name, Source... sources) {
        this.owner = owner;
        this.name = name;
        this.sources = List.of(sources);
        for (int i = 1; i < sources.length; i++) {
            if (sources[i] == Source.RETURN) {
                // the return value is already on the stack: the weaver duplicates it as the first argument
                throw new IllegalArgumentException(name + ": the return value must be the first argument");
            }
        }
    }

    /** The bridge method, found by name (bridge entry points are not overloaded). */
    Method method() {
        Method m = method;
        if (m == null) {
            for (Method candidate : owner.getDeclaredMethods()) {
                if (candidate.getName().equals(name) && Modifier.isPublic(candidate.getModifiers())
                        && Modifier.isStatic(candidate.getModifiers())) {
                    if (m != null) {
                        throw new IllegalStateException(owner.getSimpleName() + "." + name + " is overloaded");
                    }
                    m = candidate;
                }
            }
            if (m == null) {
                throw new IllegalStateException("no public static " + owner.getSimpleName() + "." + name);
            }
            if (m.getParameterCount() != sources.size()) {
                throw new IllegalStateException(owner.getSimpleName() + "." + name + " takes "
                        + m.getParameterCount() + " arguments, the hook passes " + sources);
            }
            method = m;
        }
        return m;
    }

    String ownerInternalName() {
        return Type.getInternalName(owner);
    }

    String descriptor() {
        return Type.getMethodDescriptor(method());
    }

    Type returnType() {
        return Type.getReturnType(method());
    }

    boolean uses(Source.Kind kind) {
        for (Source s : sources) {
            if (s.kind == kind) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return owner.getSimpleName() + "." + name + sources;
    }
}
