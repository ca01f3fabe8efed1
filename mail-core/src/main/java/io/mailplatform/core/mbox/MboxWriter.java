package io.mailplatform.core.mbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes messages in the mboxrd format (the variant of the {@code mbox} family where quoting is
 * reversible): each message starts with a {@code From sender asctime-date} line, lines end in LF,
 * and every line of the message that matches {@code ^>*From } gets one more {@code >}; a blank line
 * follows each message. Readers: Thunderbird, mutt, Dovecot, Python's {@code mailbox}.
 */
public final class MboxWriter {
    /** asctime(3): "Sat Dec  6 10:58:45 2026", always in UTC here. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    public MboxWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * @param envelopeSender the envelope sender (MAIL FROM), or null/empty for the null path, written as MAILER-DAEMON
     * @param received when the message arrived
     * @param message the message as stored (CRLF line ends)
     */
    public void write(String envelopeSender, Instant received, byte[] message) throws IOException {
        String sender = envelopeSender == null || envelopeSender.isBlank() ? "MAILER-DAEMON"
                : envelopeSender.replaceAll("\\s", "");
        out.write(("From " + sender + " " + ASCTIME.format(received) + "\n").getBytes(StandardCharsets.UTF_8));
        int lineStart = 0;
        while (lineStart < message.length) {
            int newline = lineStart;
            while (newline < message.length && message[newline] != '\n') {
                newline++;
            }
            int lineEnd = newline;
            if (lineEnd > lineStart && message[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (isQuotedFrom(message, lineStart, lineEnd)) {
                out.write('>');
            }
            out.write(message, lineStart, lineEnd - lineStart);
            out.write('\n');
            lineStart = newline + 1;
        }
        out.write('\n');
    }

    /** {@code ^>*From }: such a line gains one {@code >} (mboxrd), so a reader removes exactly one. */
    static boolean isQuotedFrom(byte[] m, int from, int to) {
        int i = from;
        while (i < to && m[i] == '>') {
            i++;
        }
        if (to - i < FROM.length) {
            return false;
        }
        for (int k = 0; k < FROM.length; k++) {
            if (m[i + k] != FROM[k]) {
                return false;
            }
        }
        return true;
    }
}
