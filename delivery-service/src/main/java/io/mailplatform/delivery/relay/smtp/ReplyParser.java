package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.smtp.EnhancedStatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles reply lines into replies (RFC 5321 §4.2): {@code Reply-code [ SP text ]} ends a reply,
 * {@code Reply-code "-" text} continues it, and every line of one reply carries the same code. Pure:
 * lines in, replies out, a {@link ReplySyntaxException} for anything else. The lines come from the
 * Internet, so a reply may have at most {@code maxLines} lines. One parser per connection; not
 * thread-safe.
 */
final class ReplyParser {
    private final int maxLines;
    private final List<String> lines = new ArrayList<>();
    private int code;

    ReplyParser(int maxLines) {
        this.maxLines = maxLines;
    }

    /**
     * Takes one line (without its CRLF). Returns the reply it completes, or null when the reply goes on.
     *
     * @throws ReplySyntaxException if the line is no reply line, or the reply is too long
     */
    SmtpReply line(String line) throws ReplySyntaxException {
        int lineCode = replyCode(line);
        boolean last = line.length() == 3 || line.charAt(3) == ' ';
        if (!last && line.charAt(3) != '-') {
            throw new ReplySyntaxException("reply code not followed by a blank or '-': " + printable(line));
        }
        if (!lines.isEmpty() && lineCode != code) {
            throw new ReplySyntaxException("a multi-line reply changed its code from " + code + " to " + lineCode);
        }
        if (lines.size() == maxLines) {
            throw new ReplySyntaxException("reply longer than " + maxLines + " lines");
        }
        code = lineCode;
        lines.add(clean(line.length() > 4 ? line.substring(4) : ""));
        if (!last) {
            return null;
        }
        SmtpReply reply = new SmtpReply(code, leadingStatus(code, lines.get(0)), lines);
        lines.clear();
        return reply;
    }

    /** Whether a reply has begun and not ended. */
    boolean inReply() {
        return !lines.isEmpty();
    }

    /** RFC 5321 §4.2: {@code %x32-35 %x30-35 %x30-39}. */
    private static int replyCode(String line) throws ReplySyntaxException {
        if (line.length() < 3) {
            throw new ReplySyntaxException("reply line too short: " + printable(line));
        }
        char first = line.charAt(0);
        char second = line.charAt(1);
        char third = line.charAt(2);
        if (first < '2' || first > '5' || second < '0' || second > '5' || third < '0' || third > '9') {
            throw new ReplySyntaxException("no reply code: " + printable(line));
        }
        return (first - '0') * 100 + (second - '0') * 10 + (third - '0');
    }

    /** The enhanced code is only believed when its class agrees with the reply code (RFC 3463 §2). */
    private static EnhancedStatusCode leadingStatus(int code, String text) {
        EnhancedStatusCode status = EnhancedStatusCode.leading(text);
        return status != null && status.statusClass() == code / 100 ? status : null;
    }

    /** Control characters would end up in DSNs and logs: replaced, like anything undecodable. */
    private static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(c == '\t' ? ' ' : '?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String printable(String line) {
        String cleaned = clean(line);
        return cleaned.length() <= 80 ? cleaned : cleaned.substring(0, 77) + "...";
    }
}
