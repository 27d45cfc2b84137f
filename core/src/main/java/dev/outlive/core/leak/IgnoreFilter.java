package dev.outlive.core.leak;

import dev.outlive.core.report.AncestorView;
import dev.outlive.core.report.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code ignore} option: a finding is dropped when a pattern matches a frame of its spawn stack
 * or of an ancestor's spawn stack (goleak's {@code IgnoreCreatedBy}), or the top frame of its current
 * stack (goleak's {@code IgnoreTopFunction}).
 *
 * <p>A pattern is a class name, a method ({@code com.acme.Cache.refresh}), or a glob with {@code *}
 * ({@code okhttp3.*}, {@code com.acme.*.poll}).
 */
public final class IgnoreFilter {
    /** Ignores nothing. */
    public static final IgnoreFilter NONE = new IgnoreFilter(List.of());

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private IgnoreFilter(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        ArrayList<Pattern> c = new ArrayList<>();
        for (String p : patterns) {
            c.add(compile(p));
        }
        this.compiled = c;
    }

    /** Parses {@code ;}-separated patterns; blanks are skipped. */
    public static IgnoreFilter parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        ArrayList<String> list = new ArrayList<>();
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                list.add(p);
            }
        }
        return new IgnoreFilter(list);
    }

    /** Validates one pattern; the message says what is wrong, or null when it is fine. */
    public static String problemWith(String pattern) {
        if (pattern.isBlank()) {
            return "empty pattern";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (!(Character.isJavaIdentifierPart(ch) || ch == '.' || ch == '*' || ch == '$' || ch == '/')) {
                return "unexpected character '" + ch + "' (use class or method names and *)";
            }
        }
        return null;
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return compiled.isEmpty();
    }

    /**
     * True when the finding is not reported: one of these patterns matches it, or it is about an
     * application-lifetime singleton (see {@link LifetimeSingletons}), which no pattern need name.
     */
    public boolean silences(Finding f) {
        return matches(f) || LifetimeSingletons.matches(f);
    }

    /** True when one of these patterns matches the finding. */
    public boolean matches(Finding f) {
        if (compiled.isEmpty()) {
            return false;
        }
        if (anyFrameMatches(f.spawnStack())) {
            return true;
        }
        for (AncestorView a : f.ancestry()) {
            if (anyFrameMatches(a.spawnStack())) {
                return true;
            }
        }
        return !f.currentStack().isEmpty() && frameMatches(f.currentStack().get(0));
    }

    private boolean anyFrameMatches(List<String> frames) {
        for (String frame : frames) {
            if (frameMatches(frame)) {
                return true;
            }
        }
        return false;
    }

    /** Matches a {@code StackTraceElement.toString()} line by its class and by its class.method. */
    boolean frameMatches(String frame) {
        String method = methodOf(frame);
        int dot = method.lastIndexOf('.');
        String className = dot < 0 ? method : method.substring(0, dot);
        for (Pattern p : compiled) {
            if (p.matcher(method).matches() || p.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code com.acme.Cache.refresh} from {@code app//com.acme.Cache.refresh(Cache.java:12)}. */
    static String methodOf(String frame) {
        int paren = frame.indexOf('(');
        String m = paren < 0 ? frame : frame.substring(0, paren);
        int slash = m.lastIndexOf('/'); // module or class-loader prefix: "java.base/" or "app//"
        return slash < 0 ? m : m.substring(slash + 1);
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                re.append(Pattern.quote(glob.substring(start, i))).append(".*");
                start = i + 1;
            }
        }
        re.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(re.toString());
    }
}
