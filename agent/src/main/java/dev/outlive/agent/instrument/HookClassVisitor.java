package dev.outlive.agent.instrument;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.List;
import java.util.Set;

/** Hands every method of one hooked class to the weaves whose matcher takes it, and says which hooks took. */
final class HookClassVisitor extends ClassVisitor {
    private final List<Hook> hooks;
    private final Set<Hook> matched;
    private String owner;

    HookClassVisitor(ClassVisitor next, List<Hook> hooks, Set<Hook> matched) {
        super(Opcodes.ASM9, next);
        this.hooks = hooks;
        this.matched = matched;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        for (Hook h : hooks) {
            if (h.methods.matches(access, name, descriptor) && h.weave.fits(descriptor)) {
                mv = new HookMethodVisitor(owner, access, name, descriptor, mv, h.weave);
                matched.add(h);
            }
        }
        return mv;
    }
}
