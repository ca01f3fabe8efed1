package io.mailplatform.smtp.session;

import java.util.Arrays;
import java.util.List;

/**
 * The argument of MAIL FROM: / RCPT TO:: an angle-bracketed path and ESMTP parameters
 * (RFC 5321 §4.1.2). Source routes ({@code <@a,@b:user@c>}) are accepted and ignored (§4.1.1.3).
 */
record PathAndParameters(String path, List<String> parameters) {

    /** Parses the text after the colon; null if it is not {@code <path> [parameters]}. */
    static PathAndParameters parse(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("<")) {
            return null;
        }
        int close = closingBracket(trimmed);
        if (close < 0) {
            return null;
        }
        String path = trimmed.substring(1, close);
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                return null;
            }
            path = path.substring(colon + 1);
        }
        String rest = trimmed.substring(close + 1).trim();
        List<String> parameters = rest.isEmpty() ? List.of() : Arrays.asList(rest.split(" +"));
        return new PathAndParameters(path, parameters);
    }

    /** The index of the '>' ending the path, skipping quoted local parts. */
    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
