package io.mailplatform.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One generated input of a fuzzing property: raw octets, shown as an escaped Java string so that
 * a failing sample can be pasted into a regression test as it is.
 *
 * @param bytes the octets, never modified by the property
 */
public record FuzzInput(byte[] bytes) {
    private static final int SHOWN = 4000;

    public static FuzzInput of(String text) {
        return new FuzzInput(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    /** The octets as ISO-8859-1 text: one char per octet, for parsers that take a string of octets. */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The octets decoded as UTF-8, malformed sequences replaced (what a session does with a line). */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FuzzInput input && Arrays.equals(input.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return escape(bytes, SHOWN);
    }

    /** A Java string literal of the first {@code max} octets (other octets as Unicode escapes of their value). */
    public static String escape(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, max) + 16).append('"');
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\u%04x", b));
                    }
                }
            }
        }
        out.append('"');
        if (bytes.length > max) {
            out.append(" ... (").append(bytes.length).append(" octets)");
        }
        return out.toString();
    }
}
