package io.mailplatform.smtp.reply;

import io.mailplatform.core.smtp.EnhancedStatusCode;
import java.util.List;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code, an RFC 3463 enhanced status code (absent on
 * the greeting, the EHLO/HELO reply and the 354/334 intermediate replies, RFC 2034 §3) and one or
 * more lines of text. Rendered by {@link io.mailplatform.smtp.codec.ReplyEncoder}.
 *
 * @param code the reply code, 200 to 599
 * @param status the enhanced status code, or null
 * @param lines the text lines (a multi-line reply has several), never empty
 */
public record SmtpReply(int code, EnhancedStatusCode status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static SmtpReply of(int code, String status, String text) {
        return new SmtpReply(code, status == null ? null : EnhancedStatusCode.of(status), List.of(text));
    }

    /** The same code and status with another text (e.g. naming the host or the envelope id). */
    public SmtpReply withText(String text) {
        return new SmtpReply(code, status, List.of(text));
    }

    /** 421: the server closes the connection after sending it (RFC 5321 §3.8). */
    public boolean closesConnection() {
        return code == 421;
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return code + (status == null ? "" : " " + status) + " " + text();
    }
}
