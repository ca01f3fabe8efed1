package io.mailplatform.webmail.transfer;

import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.store.mailbox.MessageFlags;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes messages in mboxrd form (RFC 4155 and the mboxrd convention): a {@code From_} line with the
 * envelope sender and the internal date in asctime form, the header with the flag fields of {@link MboxFlags} (replacing any the
 * message had), the body with every line that matches {@code >*From } quoted by one more {@code >}, LF
 * line ends, and an empty line after each message. {@link MboxReader} reads it back to the same octets.
 */
public final class MboxWriter {
    /** asctime: the day of month padded with a space ("Jan  3"). */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
    private static final byte[] LF = {'\n'};

    private final OutputStream out;

    public MboxWriter(OutputStream out) {
        this.out = out;
    }

    public void write(byte[] raw, MessageFlags flags, Instant internalDate) throws IOException {
        out.write(fromLine(envelopeSender(raw), internalDate).getBytes(StandardCharsets.UTF_8));
        byte[] message = MailText.strip(raw, MboxFlags.FIELDS).message();
        boolean inHeader = true;
        int offset = 0;
        while (offset < message.length) {
            int end = MailText.lineEnd(message, offset);
            int contentEnd = end;
            if (contentEnd > offset && message[contentEnd - 1] == '\n') {
                contentEnd--;
            }
            if (contentEnd > offset && message[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (inHeader && contentEnd == offset) {
                out.write(MboxFlags.format(flags).getBytes(StandardCharsets.UTF_8));
                inHeader = false;
            } else if (!inHeader && quoted(message, offset, contentEnd)) {
                out.write('>');
            }
            out.write(message, offset, contentEnd - offset);
            out.write(LF);
            offset = end;
        }
        if (inHeader) { // a message without a body: the fields still go in its header
            out.write(MboxFlags.format(flags).getBytes(StandardCharsets.UTF_8));
            out.write(LF);
        }
        out.write(LF);
    }

    static String fromLine(String sender, Instant date) {
        return "From " + sender + " " + ASCTIME.format(date.atOffset(ZoneOffset.UTC)) + "\n";
    }

    /**
     * The envelope sender delivery recorded in Return-Path (RFC 5321 §4.4), as the From_ line's
     * sender; MAILER-DAEMON for the null path or a message without one.
     */
    static String envelopeSender(byte[] raw) {
        String value = HeaderSection.first(raw, HeaderSection.fields(raw), "Return-Path");
        String sender = value == null ? "" : value.replaceAll("[<>\\s]", "");
        return sender.isEmpty() ? "MAILER-DAEMON" : sender;
    }

    /** Whether the line matches {@code >*From } and so needs one more {@code >}. */
    private static boolean quoted(byte[] text, int from, int to) {
        int i = from;
        while (i < to && text[i] == '>') {
            i++;
        }
        return to - i >= 5 && text[i] == 'F' && text[i + 1] == 'r' && text[i + 2] == 'o' && text[i + 3] == 'm'
                && text[i + 4] == ' ';
    }
}
