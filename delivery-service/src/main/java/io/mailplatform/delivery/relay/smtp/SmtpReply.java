package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.smtp.EnhancedStatusCode;
import java.util.List;

/**
 * A reply from a remote SMTP server (RFC 5321 §4.2), as {@link ReplyParser} read it.
 *
 * @param code the three-digit reply code
 * @param enhancedStatus the RFC 3463 code the first line started with (RFC 2034), or null
 * @param lines the text of each line after the code and its separator, never empty (a reply of
 *        just a code has one empty line); control characters already replaced
 */
public record SmtpReply(int code, EnhancedStatusCode enhancedStatus, List<String> lines) {
    /** A reply's text in a diagnostic (DSN, queue) is cut here: it comes from the Internet. */
    private static final int MAX_DIAGNOSTIC_LENGTH = 1000;

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** 2yz: the command was accepted. */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /** 3yz: the server waits for more (354 after DATA, 334 in AUTH). */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** 5yz: the command failed and the same command will fail again. */
    public boolean isPermanentFailure() {
        return code / 100 == 5;
    }

    /**
     * The enhanced status this reply stands for: its own, or {@code X.0.0} of its class (RFC 3463
     * §3.1, "other undefined status") when it sent none.
     */
    public EnhancedStatusCode status() {
        if (enhancedStatus != null) {
            return enhancedStatus;
        }
        int statusClass = code / 100 == 5 ? 5 : code / 100 == 2 || code / 100 == 3 ? 2 : 4;
        return new EnhancedStatusCode(statusClass, 0, 0);
    }

    /**
     * The reply on one line, code first, the lines' texts joined by blanks and the whole cut at a
     * thousand characters: for RFC 3464 {@code Diagnostic-Code: smtp; ...} and the queue's last error.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(64).append(code);
        for (String line : lines) {
            if (!line.isEmpty()) {
                text.append(' ').append(line);
            }
        }
        return text.length() <= MAX_DIAGNOSTIC_LENGTH ? text.toString()
                : text.substring(0, MAX_DIAGNOSTIC_LENGTH - 3) + "...";
    }
}
