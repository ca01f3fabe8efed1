package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the header fields of an RFC 5322 message without copying it. Tolerant by design: bare LF
 * line ends, a missing blank line and lines without a colon (kept as part of the header, as other
 * servers do) never throw.
 */
public final class HeaderSection {
    private HeaderSection() {
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

    /** The fields of the header that starts at {@code from} and ends at {@code to} (exclusive). */
    public static List<HeaderField> fields(byte[] message, int from, int to) {
        int headerEnd = bodyOffset(message, from, to);
        List<HeaderField> fields = new ArrayList<>();
        int fieldStart = -1;
        int valueStart = -1;
        String name = null;
        int lineStart = from;
        for (int i = from; i <= headerEnd; i++) {
            // the header may end without a final line break: treat its end as one
            boolean lineEnd = i < headerEnd ? message[i] == '\n' : lineStart < headerEnd;
            if (!lineEnd) {
                continue;
            }
            boolean continuation = lineStart < headerEnd && (message[lineStart] == ' ' || message[lineStart] == '\t');
            if (!continuation) {
                if (name != null) {
                    fields.add(new HeaderField(name, fieldStart, lineStart, valueStart));
                    name = null;
                }
                int colon = indexOfColon(message, lineStart, i);
                if (colon > lineStart) {
                    name = new String(message, lineStart, colon - lineStart, StandardCharsets.US_ASCII).trim();
                    fieldStart = lineStart;
                    valueStart = colon + 1;
                }
            }
            lineStart = Math.min(i + 1, headerEnd);
        }
        if (name != null) {
            fields.add(new HeaderField(name, fieldStart, headerEnd, valueStart));
        }
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

    private static int indexOfColon(byte[] message, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = message[i];
            if (b == ':') {
                return i;
            }
            if (b <= ' ' || b == 127) {
                return -1;
            }
        }
        return -1;
    }
}
