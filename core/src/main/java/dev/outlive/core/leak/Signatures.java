package dev.outlive.core.leak;

import dev.outlive.core.stack.JdkFrames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Stable signatures for baselines: the same leak in the same code gets the same signature on every
 * run and after unrelated edits. Built from the kind and the first few application frames of the
 * spawn stack, by class and method only: line numbers move when a file is edited, and lambda class
 * names carry addresses that change on every run.
 */
public final class Signatures {
    private static final int USER_FRAMES = 3;

    private Signatures() {
    }

    public static String of(LeakKind kind, List<String> spawnStack, String description) {
        StringBuilder key = new StringBuilder(kind.name());
        int used = 0;
        for (String frame : spawnStack) {
            String method = IgnoreFilter.methodOf(frame);
            int dot = method.lastIndexOf('.');
            String className = dot < 0 ? method : method.substring(0, dot);
            if (JdkFrames.isJdkClass(className)) {
                continue;
            }
            key.append('|').append(normalize(method));
            if (++used == USER_FRAMES) {
                break;
            }
        }
        if (used == 0) {
            key.append('|').append(normalize(description == null ? "" : description));
        }
        return sha256Prefix(key.toString());
    }

    /** Drops what differs between runs of the same code: lambda and hidden-class suffixes. */
    static String normalize(String name) {
        String n = name;
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) {
            n = n.substring(0, lambda) + "$$Lambda";
        }
        int hidden = n.indexOf("/0x");
        if (hidden >= 0) {
            n = n.substring(0, hidden);
        }
        return n;
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
