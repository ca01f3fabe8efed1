package io.mailplatform.core.dkim;

import java.util.List;

/**
 * The DKIM part of an Authentication-Results field (RFC 8601 §2.7.1): one {@code dkim=} result per
 * signature with {@code header.d}, {@code header.s}, {@code header.i} and the first characters of
 * b= as {@code header.b} (RFC 6008), or {@code dkim=none} for an unsigned message.
 */
public final class DkimResultsField {
    /** Enough of b= to tell signatures of one domain apart (RFC 6008 §4: at least eight characters). */
    static final int B_PREFIX = 8;

    private DkimResultsField() {
    }

    /** The result clauses, each starting with ";\r\n\t", to follow the authserv-id. */
    public static String clauses(List<DkimResult> results) {
        if (results.isEmpty()) {
            return ";\r\n\tdkim=none";
        }
        StringBuilder out = new StringBuilder();
        for (DkimResult result : results) {
            out.append(";\r\n\tdkim=").append(result.verdict().keyword());
            if (result.reason() != null) {
                out.append(" (").append(comment(result.reason())).append(')');
            } else if (result.keyBits() > 0) {
                out.append(" (").append(result.keyBits()).append("-bit key)");
            }
            DkimSignature signature = result.signature();
            if (signature != null) {
                out.append(" header.d=").append(signature.domain()).append(" header.s=").append(signature.selector())
                        .append(" header.i=").append(quoted(signature.identity())).append(" header.b=").append(
                                quoted(signature.signatureBase64().substring(0,
                                        Math.min(B_PREFIX, signature.signatureBase64().length()))));
            }
        }
        return out.toString();
    }

    private static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c == '(' || c == ')' || c == '\\' || c < 0x20 || c > 0x7e ? '_' : c);
        }
        return out.toString();
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c < 0x20 || c > 0x7e ? '_' : c);
        }
        return out.append('"').toString();
    }
}
