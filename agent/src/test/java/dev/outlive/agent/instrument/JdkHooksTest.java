package dev.outlive.agent.instrument;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks the hook table against the JDK running the tests, the way a type checker would: every
 * expected hook finds a method, and every value a weave passes fits the bridge parameter it lands in.
 * Then weaves every hooked class, as the agent does at start-up.
 */
class JdkHooksTest {
    private static final int FEATURE = Runtime.version().feature();

    @Test
    void everyExpectedHookFindsAMethodAndPassesValuesOfTheRightTypes() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Hook h : JdkHooks.all(true)) {
            List<String[]> methods = matchingMethods(h);
            if (methods == null) {
                if (h.sinceFeature > 0 && FEATURE >= h.sinceFeature) {
                    problems.add(h.label + ": class " + h.typeName + " not found");
                }
                continue;
            }
            if (methods.isEmpty() && h.sinceFeature > 0 && FEATURE >= h.sinceFeature) {
                problems.add(h.label + ": no method matched on JDK " + FEATURE);
            }
            for (String[] m : methods) {
                check(h, h.weave.enter, m, problems);
                check(h, h.weave.exit, m, problems);
                if (h.weave.replacesArgument >= 0) {
                    Type replaced = Type.getArgumentTypes(m[1])[h.weave.replacesArgument];
                    fits(h.label + " replacing argument " + h.weave.replacesArgument,
                            h.weave.enter.method().getReturnType(), replaced, problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyHookedClassOfThisJdkWeavesWithoutError() throws Exception {
        List<Hook> hooks = JdkHooks.all(true);
        JdkTransformer transformer = new JdkTransformer(hooks);
        for (String internalName : internalNames(hooks)) {
            byte[] bytes = classBytes(internalName);
            if (bytes != null) {
                byte[] woven = transformer.transform(null, internalName, null, null, bytes);
                assertNotNull(woven, internalName + ": " + transformer.errors());
            }
        }
        assertEquals(java.util.Map.of(), transformer.errors());
    }

    private static void check(Hook h, BridgeCall call, String[] method, List<String> problems) {
        if (call == null) {
            return;
        }
        Method target = call.method();
        Class<?>[] params = target.getParameterTypes();
        Type[] args = Type.getArgumentTypes(method[1]);
        for (int i = 0; i < call.sources.size(); i++) {
            Source s = call.sources.get(i);
            String where = h.label + " " + method[0] + method[1] + " -> " + call + " parameter " + i;
            switch (s.kind) {
                case THIS:
                    fits(where, h.typeName, params[i], problems);
                    break;
                case ARGUMENT:
                    fits(where, args[s.index], params[i], problems);
                    break;
                case RETURN:
                    fits(where, Type.getReturnType(method[1]), params[i], problems);
                    break;
                case ENTER:
                    fits(where, h.weave.enter.method().getReturnType(), params[i], problems);
                    break;
                case THROWN:
                    fits(where, Throwable.class, params[i], problems);
                    break;
                case METHOD_NAME:
                    fits(where, String.class, params[i], problems);
                    break;
                case NULL:
                    if (params[i].isPrimitive()) {
                        problems.add(where + ": null for a primitive");
                    }
                    break;
                default:
                    problems.add(where + ": unknown source");
            }
        }
    }

    private static void fits(String where, Type value, Class<?> param, List<String> problems) {
        if (value.getSort() == Type.OBJECT || value.getSort() == Type.ARRAY) {
            fits(where, value.getClassName(), param, problems);
        } else if (!Type.getType(param).equals(value)) {
            problems.add(where + ": " + value + " passed as " + param);
        }
    }

    private static void fits(String where, Class<?> value, Type param, List<String> problems) {
        fits(where, Type.getType(value), classOf(param), problems);
    }

    private static void fits(String where, Class<?> value, Class<?> param, List<String> problems) {
        if (!param.isAssignableFrom(value)) {
            problems.add(where + ": " + value.getName() + " passed as " + param.getName());
        }
    }

    private static void fits(String where, String className, Class<?> param, List<String> problems) {
        try {
            fits(where, Class.forName(className, false, null), param, problems);
        } catch (ClassNotFoundException e) {
            problems.add(where + ": " + className + " not found");
        }
    }

    private static Class<?> classOf(Type t) {
        try {
            switch (t.getSort()) {
                case Type.BOOLEAN: return boolean.class;
                case Type.INT: return int.class;
                case Type.LONG: return long.class;
                case Type.VOID: return void.class;
                default: return Class.forName(t.getClassName(), false, null);
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** {name, descriptor} of every method the hook matches, or null when its class is not in this JDK. */
    private static List<String[]> matchingMethods(Hook h) throws IOException {
        byte[] bytes = classBytes(h.internalTypeName());
        if (bytes == null) {
            return null;
        }
        List<String[]> out = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] ex) {
                if (h.methods.matches(access, name, descriptor) && h.weave.fits(descriptor)) {
                    out.add(new String[] {name, descriptor});
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return out;
    }

    private static List<String> internalNames(List<Hook> hooks) {
        List<String> names = new ArrayList<>();
        for (Hook h : hooks) {
            if (!names.contains(h.internalTypeName())) {
                names.add(h.internalTypeName());
            }
        }
        return names;
    }

    private static byte[] classBytes(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
