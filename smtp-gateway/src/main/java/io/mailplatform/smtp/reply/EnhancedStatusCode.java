package io.mailplatform.smtp.reply;

/**
 * An RFC 3463 enhanced mail system status code {@code class.subject.detail}, sent after the reply
 * code as RFC 2034 describes.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject the subject (1 addressing, 3 mail system, 4 network, 5 protocol, 6 content, 7 security)
 * @param detail the detail within the subject
 */
public record EnhancedStatusCode(int statusClass, int subject, int detail) {

    public EnhancedStatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5");
        }
    }

    /** Parses {@code "5.1.1"}. */
    public static EnhancedStatusCode of(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        return new EnhancedStatusCode(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
