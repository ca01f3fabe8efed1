package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.MessageFlags;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Line-level work on a message's text shared by the mbox and Maildir formats: line ends to CRLF,
 * and the mbox flag fields taken out of the header section.
 */
final class MailText {
    private MailText() {
    }

    /** The message with every line end (LF, CRLF or a lone CR) as CRLF. */
    static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 40 + 2);
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < text.length && text[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** A header section without some fields, and the values of those it dropped. */
    record Stripped(byte[] message, String status, String xStatus, String xKeywords) {
        MessageFlags flags() {
            return MboxFlags.parse(status, xStatus, xKeywords);
        }
    }

    /**
     * Removes the fields named in {@code drop} (lower case), with their folded lines, from the header
     * section of a CRLF message; remembers the values of the mbox flag fields.
     */
    static Stripped strip(byte[] message, Set<String> drop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        String status = null;
        String xStatus = null;
        String xKeywords = null;
        int offset = 0;
        boolean dropping = false;
        while (offset < message.length) {
            int end = lineEnd(message, offset);
            int contentEnd = end >= 2 && message[end - 1] == '\n' && message[end - 2] == '\r' ? end - 2 : end;
            if (contentEnd == offset) { // the empty line: the body follows unchanged
                out.write(message, offset, message.length - offset);
                break;
            }
            boolean continuation = message[offset] == ' ' || message[offset] == '\t';
            if (!continuation) {
                String line = new String(message, offset, contentEnd - offset, StandardCharsets.ISO_8859_1);
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
                dropping = drop.contains(name);
                if (dropping) {
                    String value = line.substring(colon + 1).strip();
                    switch (name) {
                        case "status" -> status = value;
                        case "x-status" -> xStatus = value;
                        case "x-keywords" -> xKeywords = value;
                        default -> {
                        }
                    }
                }
            }
            if (!dropping) {
                out.write(message, offset, end - offset);
            }
            offset = end;
        }
        return new Stripped(out.toByteArray(), status, xStatus, xKeywords);
    }

    /** The offset just after the LF that ends the line at {@code offset} (or the end of the text). */
    static int lineEnd(byte[] text, int offset) {
        int i = offset;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return Math.min(text.length, i + 1);
    }
}
