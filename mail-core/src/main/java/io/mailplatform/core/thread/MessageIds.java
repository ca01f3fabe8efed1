package io.mailplatform.core.thread;

import java.util.ArrayList;
import java.util.List;

/**
 * The msg-ids of a Message-ID, In-Reply-To or References field value (RFC 5322 §3.6.4), normalized
 * as RFC 5256 §3 (REFERENCES) asks so that differently quoted forms of one id compare equal:
 * without angle brackets, white space and the quotes of a quoted local part
 * ({@code <"01KF8JCEOCBS0045PS"@xxx.yyy.com>} is {@code 01KF8JCEOCBS0045PS@xxx.yyy.com}).
 */
public final class MessageIds {
    /** Longer ids are not valid ones (RFC 5322 lines hold at most 998 characters). */
    static final int MAX_LENGTH = 998;

    private MessageIds() {
    }

    /** The valid ids in the order written; text outside angle brackets is skipped. Empty for null. */
    public static List<String> all(String fieldValue) {
        List<String> ids = new ArrayList<>();
        if (fieldValue == null) {
            return ids;
        }
        int at = 0;
        while (true) {
            int open = fieldValue.indexOf('<', at);
            if (open < 0) {
                return ids;
            }
            int close = fieldValue.indexOf('>', open + 1);
            if (close < 0) {
                return ids;
            }
            String id = normalize(fieldValue.substring(open + 1, close));
            if (id != null) {
                ids.add(id);
            }
            at = close + 1;
        }
    }

    /** The first valid id, or null. */
    public static String first(String fieldValue) {
        List<String> ids = all(fieldValue);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** {@code id-left "@" id-right} without white space and quotes; null when not a valid id. */
    static String normalize(String inside) {
        StringBuilder id = new StringBuilder(inside.length());
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c != '"' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                id.append(c);
            }
        }
        int atSign = id.lastIndexOf("@");
        if (atSign <= 0 || atSign == id.length() - 1 || id.length() > MAX_LENGTH || id.indexOf("<") >= 0) {
            return null;
        }
        return id.toString();
    }
}
