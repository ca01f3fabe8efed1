package io.mailplatform.core.net;

import java.util.Locale;

/**
 * Host name patterns where {@code *} stands for exactly one whole left-most label, as MTA-STS mx
 * patterns (RFC 8461 §4.1) and certificate DNS-IDs (RFC 6125 §6.4.3, without partial-label
 * wildcards) use them. Case and a trailing dot do not matter.
 */
public final class WildcardName {

    private WildcardName() {
    }

    /** Whether {@code host} is {@code pattern}, or one label in front of what follows {@code *.}. */
    public static boolean matches(String pattern, String host) {
        String name = normal(host);
        String wanted = normal(pattern);
        if (wanted.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot + 1).equals(wanted.substring(2)) && !name.startsWith("*");
        }
        return name.equals(wanted) && !wanted.contains("*");
    }

    private static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
