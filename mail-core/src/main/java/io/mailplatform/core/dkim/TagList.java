package io.mailplatform.core.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DKIM tag-value list (RFC 6376 §3.2), as used in the DKIM-Signature field and in key records:
 * {@code tag=value} pairs separated by semicolons, folding white space allowed around both, a
 * trailing semicolon allowed. Tag names are case-sensitive; a tag given twice makes the whole list
 * invalid.
 */
public record TagList(Map<String, String> tags) {

    public TagList {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static TagList parse(String text) throws DkimException {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";", -1)) {
            if (spec.isBlank()) {
                continue; // only the last one may be empty, but receivers in practice accept ";;"
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new DkimException("tag without a value: " + spec.strip());
            }
            String name = stripFws(spec.substring(0, equals));
            if (!validName(name)) {
                throw new DkimException("malformed tag name: " + name);
            }
            if (tags.putIfAbsent(name, stripFws(spec.substring(equals + 1))) != null) {
                throw new DkimException("tag " + name + " appears twice");
            }
        }
        return new TagList(tags);
    }

    public String get(String name) {
        return tags.get(name);
    }

    public String require(String name) throws DkimException {
        String value = tags.get(name);
        if (value == null) {
            throw new DkimException("required tag " + name + "= is missing");
        }
        return value;
    }

    /** A value with every folding white space removed (base64 values and colon-separated lists). */
    public static String withoutFws(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripFws(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isFws(text.charAt(from))) {
            from++;
        }
        while (to > from && isFws(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }
}
