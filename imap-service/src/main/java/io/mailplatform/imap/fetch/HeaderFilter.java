package io.mailplatform.imap.fetch;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 9051 §6.4.5.1): the fields whose name matches one of
 * the list (ASCII case-insensitively), or those that do not, with folded lines kept, followed by
 * the blank line that ends the header if the message has one.
 */
public final class HeaderFilter {
    private HeaderFilter() {
    }

    public static byte[] filter(byte[] header, List<String> names, boolean exclude) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(header.length, 4096));
        for (HeaderField field : HeaderSection.fields(header, 0, header.length)) {
            if (named(field.name(), names) != exclude) {
                out.write(header, field.start(), field.end() - field.start());
            }
        }
        int end = header.length;
        if (end >= 2 && header[end - 1] == '\n' && (header[end - 2] == '\n'
                || (end >= 3 && header[end - 2] == '\r' && header[end - 3] == '\n'))) {
            // the blank line is always part of a header fetch
            if (header[end - 2] == '\r') {
                out.write('\r');
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A loop, not a stream: run for every field of every message of a FETCH (the stream showed in profiles). */
    private static boolean named(String field, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(field)) {
                return true;
            }
        }
        return false;
    }
}
