package dev.outlive.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites the few JDK classes Outlive hooks, found by exact name among bootstrap classes; every
 * other class load costs one map lookup. A failure leaves that class as it was and is recorded, never
 * thrown into class loading. Remembers which hooks found their method, for the self-test.
 */
final class JdkTransformer implements ClassFileTransformer {
    private final Map<String, List<Hook>> byInternalName = new HashMap<>();
    private final Set<Hook> matched = ConcurrentHashMap.newKeySet();
    private final Map<String, Throwable> errors = new ConcurrentHashMap<>();

    JdkTransformer(List<Hook> hooks) {
        for (Hook h : hooks) {
            List<Hook> same = byInternalName.get(h.internalTypeName());
            if (same == null) {
                same = new ArrayList<>();
                byInternalName.put(h.internalTypeName(), same);
            }
            same.add(h);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null) {
            return null; // the hooked classes are all java.base's
        }
        List<Hook> hooks = byInternalName.get(className);
        if (hooks == null) {
            return null;
        }
        try {
            return weave(classfileBuffer, hooks);
        } catch (Throwable t) {
            errors.put(className.replace('/', '.'), t);
            return null;
        }
    }

    byte[] weave(byte[] classfile, List<Hook> hooks) {
        ClassReader reader = new ClassReader(classfile);
        // Maximums are recomputed from the control flow, never frames: computing frames would load
        // classes to find common super types, from inside class loading.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new HookClassVisitor(writer, hooks, matched), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Hooks that found their method in a class rewritten so far. */
    Set<Hook> matched() {
        return matched;
    }

    /** Classes whose rewriting failed, with why. */
    Map<String, Throwable> errors() {
        return errors;
    }

    void failed(String typeName, Throwable t) {
        errors.put(typeName, t);
    }
}
