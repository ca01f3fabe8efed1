package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;

/**
 * One header field as it appears in the message: its name and its raw value bytes (folding kept),
 * with the offsets of the whole field in the message.
 *
 * @param name the field name as written
 * @param start offset of the first byte of the field
 * @param end offset just past the field's final line break
 * @param valueStart offset of the first byte after the colon
 */
public record HeaderField(String name, int start, int end, int valueStart) {

    /** The value unfolded (RFC 5322 §2.2.3) and trimmed, bytes read as UTF-8 (RFC 6532). */
    public String value(byte[] message) {
        int valueEnd = end;
        while (valueEnd > valueStart && (message[valueEnd - 1] == '\n' || message[valueEnd - 1] == '\r')) {
            valueEnd--;
        }
        String raw = new String(message, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
        return raw.replaceAll("\r?\n(?=[ \t])", "").trim();
    }
}
