package io.mailplatform.core.smtp;

/**
 * An RFC 3463 enhanced mail system status code {@code class.subject.detail}, sent after the reply
 * code as RFC 2034 describes. Our server writes them; the relay's client reads them from remote
 * replies and reports them in delivery status notifications.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject the subject (1 addressing, 3 mail system, 4 network, 5 protocol, 6 content, 7 security)
 * @param detail the detail within the subject
 */
public record EnhancedStatusCode(int statusClass, int subject, int detail) {
    /** RFC 3463 §2: subject and detail have one to three digits. */
    private static final int MAX_PART = 999;

    public EnhancedStatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5");
        }
        if (subject < 0 || subject > MAX_PART || detail < 0 || detail > MAX_PART) {
            throw new IllegalArgumentException("subject and detail have one to three digits");
        }
    }

    /** Parses {@code "5.1.1"}. */
    public static EnhancedStatusCode of(String text) {
        EnhancedStatusCode code = leading(text);
        if (code == null || text.length() != code.toString().length()) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        return code;
    }

    /**
     * The code that starts a reply text ({@code "5.1.1 <bob@example.org>: no such user"}), or null
     * when the text does not start with one followed by a blank or its end (RFC 2034 §4). Never
     * throws: the text comes from remote servers.
     */
    public static EnhancedStatusCode leading(String text) {
        int[] parts = new int[3];
        int position = 0;
        for (int part = 0; part < 3; part++) {
            int start = position;
            int value = 0;
            while (position < text.length() && position - start < 3 && isDigit(text.charAt(position))) {
                value = value * 10 + text.charAt(position++) - '0';
            }
            int digits = position - start;
            if (digits == 0 || (part == 0 && digits != 1)) {
                return null;
            }
            parts[part] = value;
            if (part < 2) {
                if (position >= text.length() || text.charAt(position) != '.') {
                    return null;
                }
                position++;
            }
        }
        if (position < text.length() && text.charAt(position) != ' ') {
            return null;
        }
        if (parts[0] != 2 && parts[0] != 4 && parts[0] != 5) {
            return null;
        }
        return new EnhancedStatusCode(parts[0], parts[1], parts[2]);
    }

    /** The same subject and detail in another class, e.g. a permanent code reported as temporary. */
    public EnhancedStatusCode withClass(int newClass) {
        return new EnhancedStatusCode(newClass, subject, detail);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
