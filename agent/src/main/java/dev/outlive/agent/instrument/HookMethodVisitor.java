package dev.outlive.agent.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.LocalVariablesSorter;

/**
 * Weaves one {@link Weave} into one method: the enter call first, the exit call before every return,
 * and (when the exit must also see a throw) a catch-all handler after the original code that calls
 * the exit with what was thrown and rethrows it. The handler is added last to the exception table, so
 * the method's own handlers keep precedence.
 *
 * <p>Locals added here come from {@link LocalVariablesSorter}, which also writes them into the
 * method's existing stack map frames; the enter result is stored before any original instruction, so
 * it is definitely assigned in every frame that mentions it. The return value is never stored: it is
 * duplicated on the stack, which is why it must be the exit call's first argument.
 */
final class HookMethodVisitor extends LocalVariablesSorter {
    private final Weave weave;
    private final String owner;
    private final String methodName;
    private final boolean isStatic;
    private final Type[] arguments;
    private final Type returnType;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();
    private int enterResult = -1;
    private boolean hasCode;

    HookMethodVisitor(String owner, int access, String name, String descriptor, MethodVisitor next, Weave weave) {
        super(Opcodes.ASM9, access, descriptor, next);
        if (weave.exitOnThrow && name.equals("<init>")) {
            throw new IllegalArgumentException("a constructor cannot be wrapped in a handler: " + owner + "." + name);
        }
        this.weave = weave;
        this.owner = owner;
        this.methodName = name;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        hasCode = true;
        if (weave.enter != null) {
            push(weave.enter, null);
            invoke(weave.enter);
            Type result = weave.enter.returnType();
            if (weave.replacesArgument >= 0) {
                mv.visitVarInsn(result.getOpcode(Opcodes.ISTORE), argumentSlot(weave.replacesArgument));
            } else if (weave.keepsEnterResult()) {
                enterResult = newLocal(result);
                mv.visitVarInsn(result.getOpcode(Opcodes.ISTORE), enterResult);
            } else {
                pop(result);
            }
        }
        if (weave.exitOnThrow) {
            mv.visitLabel(start);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (hasCode && weave.exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (weave.exit.uses(Source.Kind.RETURN)) {
                mv.visitInsn(returnType.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
            }
            push(weave.exit, null);
            invoke(weave.exit);
            pop(weave.exit.returnType());
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (hasCode && weave.exitOnThrow) {
            mv.visitLabel(end);
            mv.visitLabel(handler);
            Object[] locals = argumentFrameLocals();
            visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            int thrown = newLocal(Type.getType(Throwable.class));
            mv.visitVarInsn(Opcodes.ASTORE, thrown);
            if (weave.exit.uses(Source.Kind.RETURN)) {
                pushZero(returnType);
            }
            push(weave.exit, thrown);
            invoke(weave.exit);
            pop(weave.exit.returnType());
            mv.visitVarInsn(Opcodes.ALOAD, thrown);
            mv.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(start, end, handler, null);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /** Pushes the call's arguments but a leading {@link Source#RETURN}, which the caller placed already. */
    private void push(BridgeCall call, Integer thrownLocal) {
        for (Source s : call.sources) {
            switch (s.kind) {
                case THIS:
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    break;
                case ARGUMENT:
                    mv.visitVarInsn(arguments[s.index].getOpcode(Opcodes.ILOAD), argumentSlot(s.index));
                    break;
                case ENTER:
                    if (enterResult < 0) {
                        throw new IllegalStateException(call + ": no enter result to pass");
                    }
                    mv.visitVarInsn(weave.enter.returnType().getOpcode(Opcodes.ILOAD), enterResult);
                    break;
                case RETURN:
                    break; // already on the stack
                case THROWN:
                    if (thrownLocal == null) {
                        mv.visitInsn(Opcodes.ACONST_NULL);
                    } else {
                        mv.visitVarInsn(Opcodes.ALOAD, thrownLocal);
                    }
                    break;
                case METHOD_NAME:
                    mv.visitLdcInsn(owner.replace('/', '.') + "." + methodName);
                    break;
                case NULL:
                    mv.visitInsn(Opcodes.ACONST_NULL);
                    break;
                default:
                    throw new IllegalStateException("unknown source " + s);
            }
        }
    }

    private void invoke(BridgeCall call) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, call.ownerInternalName(), call.name, call.descriptor(), false);
    }

    private void pop(Type type) {
        if (type.getSize() == 2) {
            mv.visitInsn(Opcodes.POP2);
        } else if (type.getSize() == 1) {
            mv.visitInsn(Opcodes.POP);
        }
    }

    private void pushZero(Type type) {
        switch (type.getSort()) {
            case Type.VOID:
                throw new IllegalStateException(owner + "." + methodName + " returns nothing to pass");
            case Type.LONG:
                mv.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                mv.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                mv.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.ARRAY:
            case Type.OBJECT:
                mv.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                mv.visitInsn(Opcodes.ICONST_0);
        }
    }

    private int argumentSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }

    /** The frame locals at method entry, in the form stack map frames use. */
    private Object[] argumentFrameLocals() {
        Object[] locals = new Object[arguments.length + (isStatic ? 0 : 1)];
        int i = 0;
        if (!isStatic) {
            locals[i++] = owner;
        }
        for (Type t : arguments) {
            locals[i++] = frameType(t);
        }
        return locals;
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return t.getDescriptor();
            default:
                return t.getInternalName();
        }
    }
}
