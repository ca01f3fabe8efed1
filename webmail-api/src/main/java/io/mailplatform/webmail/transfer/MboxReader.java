package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.MessageFlags;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Splits an mbox file into messages as it is read (RFC 4155; mboxrd, mboxo and Postfix/Thunderbird
 * files): a message starts at a {@code From } line at the start of the file or after an empty line;
 * that empty line separates, it is not part of the message before. Lines quoted as {@code >From },
 * {@code >>From } ... lose one {@code >} (mboxrd). The flag fields ({@link MboxFlags}) become flags.
 * Holds one message at a time; a message over the size limit is skipped (its entry says so).
 */
public final class MboxReader {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.US);

    private final InputStream in;
    private final long maxMessageSize;
    private byte[] pendingFromLine;
    private boolean started;
    private boolean finished;
    private int count;

    public MboxReader(InputStream in, long maxMessageSize) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxMessageSize = maxMessageSize;
    }

    /** The next message, or null at the end of the file. */
    public MboxMessage next() throws IOException {
        if (!started) {
            started = true;
            pendingFromLine = skipToFirstFromLine();
        }
        if (pendingFromLine == null || finished) {
            return null;
        }
        Instant date = fromLineDate(new String(pendingFromLine, StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long size = 0;
        boolean blankBefore = false;
        boolean heldBlank = false;
        pendingFromLine = null;
        byte[] line;
        while ((line = readLine()) != null) {
            if (blankBefore && isFromLine(line)) {
                pendingFromLine = line;
                break;
            }
            if (heldBlank) { // the empty line before was not a separator after all
                size += append(text, new byte[0], size);
                heldBlank = false;
            }
            if (line.length == 0) {
                heldBlank = true;
                blankBefore = true;
                continue;
            }
            blankBefore = false;
            size += append(text, unquote(line), size);
        }
        if (line == null) {
            finished = true; // a held empty line at the very end is the writer's separator, as before a From_ line
        }
        count++;
        if (size > maxMessageSize) {
            return new MboxMessage(count, date, MessageFlags.NONE, null, size);
        }
        MailText.Stripped stripped = MailText.strip(text.toByteArray(), MboxFlags.FIELDS);
        return new MboxMessage(count, date, stripped.flags(), stripped.message(), size);
    }

    /** Appends a line with CRLF, unless the message is over the limit already; answers the octets it counts. */
    private long append(ByteArrayOutputStream text, byte[] line, long size) {
        long added = line.length + 2L;
        if (size + added <= maxMessageSize) {
            text.write(line, 0, line.length);
            text.write('\r');
            text.write('\n');
        } else {
            text.reset(); // over the limit: only counted from now on
        }
        return added;
    }

    private byte[] skipToFirstFromLine() throws IOException {
        byte[] line;
        while ((line = readLine()) != null) {
            if (isFromLine(line)) {
                return line;
            }
        }
        return null;
    }

    static boolean isFromLine(byte[] line) {
        return line.length >= 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm' && line[4] == ' ';
    }

    /** mboxrd: {@code >From }, {@code >>From } ... lose one {@code >}. */
    static byte[] unquote(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        if (i > 0 && line.length - i >= 5 && line[i] == 'F' && line[i + 1] == 'r' && line[i + 2] == 'o'
                && line[i + 3] == 'm' && line[i + 4] == ' ') {
            byte[] unquoted = new byte[line.length - 1];
            System.arraycopy(line, 1, unquoted, 0, unquoted.length);
            return unquoted;
        }
        return line;
    }

    /**
     * The asctime date after the sender on a {@code From_} line ({@code From sender Sat Jan  3 01:05:34 1996}),
     * or null. The weekday is not checked (writers get it wrong); a zone word between the time and the
     * year, or after the year, is passed over; the time is taken as UTC.
     */
    static Instant fromLineDate(String fromLine) {
        String rest = fromLine.substring(5).strip();
        int space = rest.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String[] words = rest.substring(space + 1).strip().split("\\s+");
        if (words.length < 5) {
            return null;
        }
        String monthDayTime = words[1] + " " + words[2] + " " + words[3] + " ";
        Instant date = parse(monthDayTime + words[4]);
        return date != null || words.length < 6 ? date : parse(monthDayTime + words[5]);
    }

    private static Instant parse(String monthDayTimeYear) {
        try {
            return LocalDateTime.parse(monthDayTimeYear, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One line without its LF (and CR), or null at the end; a last line without LF counts. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
