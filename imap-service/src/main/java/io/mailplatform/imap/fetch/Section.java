package io.mailplatform.imap.fetch;

import java.util.List;
import java.util.Locale;

/**
 * A section specification (RFC 9051 §6.4.5.1): part numbers, then optionally HEADER,
 * HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME.
 *
 * @param part the part numbers, empty for the whole message
 * @param text what of the part is meant
 * @param fields the header field names of HEADER.FIELDS and HEADER.FIELDS.NOT, empty otherwise
 */
public record Section(List<Integer> part, Text text, List<String> fields) {
    public static final Section WHOLE = new Section(List.of(), Text.NONE, List.of());

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
    }

    public enum Text {
        NONE(""), HEADER("HEADER"), HEADER_FIELDS("HEADER.FIELDS"), HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"), MIME("MIME");

        private final String wire;

        Text(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static Section of(Text text) {
        return new Section(List.of(), text, List.of());
    }

    /** The specification as it goes between the brackets of the response, e.g. {@code 1.HEADER.FIELDS (DATE FROM)}. */
    public String spec() {
        // loops, not streams: built for every message of a FETCH (the streams showed in profiles)
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < part.size(); i++) {
            if (i > 0) {
                spec.append('.');
            }
            spec.append(part.get(i).intValue());
        }
        if (text != Text.NONE) {
            if (!part.isEmpty()) {
                spec.append('.');
            }
            spec.append(text.wire());
        }
        if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
            spec.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    spec.append(' ');
                }
                spec.append(astring(fields.get(i)));
            }
            spec.append(')');
        }
        return spec.toString();
    }

    /** A field name as an atom when it can be one, else as a quoted string. */
    private static String astring(String name) {
        boolean atom = !name.isEmpty();
        for (int i = 0; i < name.length() && atom; i++) {
            char c = name.charAt(i);
            atom = c > ' ' && c < 127 && "(){%*\"\\]".indexOf(c) < 0;
        }
        return atom ? name.toUpperCase(Locale.ROOT) : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
