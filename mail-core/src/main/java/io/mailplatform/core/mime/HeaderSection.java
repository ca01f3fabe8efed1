package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one scanner of RFC 5322 header sections in this code base, used wherever a field is looked
 * up (message summaries and ENVELOPE, IMAP HEADER.FIELDS, delivery's trace fields), so that they
 * all agree on what a field is. It locates fields without copying the message. Tolerant by design:
 * bare LF line ends, a missing blank line and lines without a colon (which end the field before
 * them and are kept as part of the header, as other servers do) never throw. Blanks between the
 * name and the colon are accepted (RFC 5322 §4.5 obsolete syntax: {@code obs-optional = field-name
 * *WSP ":" unstructured CRLF}), so {@code Subject : x} is the field {@code Subject}.
 */
public final class HeaderSection {
    private HeaderSection() {
    }

    /** Receives each field {@link #scan} finds, as offsets into the message. */
    @FunctionalInterface
    public interface FieldVisitor {
        /**
         * @param start offset of the field's first byte (its name)
         * @param nameEnd offset just past the name (before any blank and the colon)
         * @param valueStart offset just past the colon
         * @param end offset just past the field's last line break, folded lines included
         */
        void field(int start, int nameEnd, int valueStart, int end);
    }

    /** Offset of the body: just past the blank line ending the header, or the message length if none. */
    public static int bodyOffset(byte[] message, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (message[i] == '\n') {
                int lineLength = i - lineStart;
                if (lineLength == 0 || (lineLength == 1 && message[lineStart] == '\r')) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return to;
    }

    public static int bodyOffset(byte[] message) {
        return bodyOffset(message, 0, message.length);
    }

    /**
     * Reports every field of the header that starts at {@code from}, in order, up to {@code headerEnd}
     * (exclusive; the {@link #bodyOffset body offset}, or any earlier end of the header).
     */
    public static void scan(byte[] m, int from, int headerEnd, FieldVisitor visitor) {
        int fieldStart = -1;
        int nameEnd = -1;
        int valueStart = -1;
        int pos = from;
        while (pos < headerEnd) {
            int next = pos;
            while (next < headerEnd && m[next] != '\n') {
                next++;
            }
            // the header may end without a final line break: its end counts as one
            next = Math.min(next + 1, headerEnd);
            byte first = m[pos];
            if (first != ' ' && first != '\t') {
                if (fieldStart >= 0) {
                    visitor.field(fieldStart, nameEnd, valueStart, pos);
                    fieldStart = -1;
                }
                int end = pos;
                while (end < next && isFieldNameByte(m[end])) {
                    end++;
                }
                int colon = end;
                while (colon < next && (m[colon] == ' ' || m[colon] == '\t')) {
                    colon++;
                }
                if (end > pos && colon < next && m[colon] == ':') {
                    fieldStart = pos;
                    nameEnd = end;
                    valueStart = colon + 1;
                }
            }
            pos = next;
        }
        if (fieldStart >= 0) {
            visitor.field(fieldStart, nameEnd, valueStart, headerEnd);
        }
    }

    /** The fields of the header that starts at {@code from} and ends at {@code to} (exclusive). */
    public static List<HeaderField> fields(byte[] message, int from, int to) {
        List<HeaderField> fields = new ArrayList<>();
        scan(message, from, bodyOffset(message, from, to), (start, nameEnd, valueStart, end) -> fields.add(
                new HeaderField(new String(message, start, nameEnd - start, StandardCharsets.US_ASCII), start, end, valueStart)));
        return fields;
    }

    public static List<HeaderField> fields(byte[] message) {
        return fields(message, 0, message.length);
    }

    /** The unfolded value of the first field with this name (case-insensitive), or null. */
    public static String first(byte[] message, List<HeaderField> fields, String name) {
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value(message);
            }
        }
        return null;
    }

    /** RFC 5322 §3.6.8 ftext: printable US-ASCII except the colon. */
    private static boolean isFieldNameByte(byte b) {
        return b > ' ' && b < 127 && b != ':';
    }
}
