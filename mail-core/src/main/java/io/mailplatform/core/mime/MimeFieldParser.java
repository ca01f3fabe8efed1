package io.mailplatform.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lenient parsers for the structured MIME fields: Content-Type (RFC 2045 §5.1), Content-Disposition
 * (RFC 2183), Content-Language (RFC 3282) and their parameters with RFC 2231 continuations and
 * charsets. Comments are skipped; junk between parameters is skipped up to the next ';'. Quoted
 * strings are honoured everywhere, so a ';' or "boundary=" inside one never splits or matches.
 */
final class MimeFieldParser {
    /** Parameters kept per field; more are ignored (hostile input). */
    static final int MAX_PARAMETERS = 64;
    /** Highest RFC 2231 section number accepted. */
    static final int MAX_SECTION = 999;

    private final String s;
    private int pos;

    private MimeFieldParser(String s) {
        this.s = s;
    }

    /** type "/" subtype and parameters; null when the value is not a syntactically valid media type. */
    record ContentType(String type, String subtype, List<BodyPart.Parameter> parameters) {
    }

    static ContentType contentType(String value) {
        MimeFieldParser p = new MimeFieldParser(value);
        p.skipCfws();
        String type = p.token();
        p.skipCfws();
        if (type.isEmpty() || !p.consume('/')) {
            return null;
        }
        p.skipCfws();
        String subtype = p.token();
        if (subtype.isEmpty()) {
            return null;
        }
        return new ContentType(type, subtype, p.parameters());
    }

    static BodyPart.Disposition disposition(String value) {
        MimeFieldParser p = new MimeFieldParser(value);
        p.skipCfws();
        String type = p.token();
        if (type.isEmpty()) {
            return null;
        }
        return new BodyPart.Disposition(type, p.parameters());
    }

    /** Content-Language: a comma-separated list of language tags. */
    static List<String> languages(String value) {
        MimeFieldParser p = new MimeFieldParser(value);
        List<String> tags = new ArrayList<>();
        while (p.pos < p.s.length() && tags.size() < MAX_PARAMETERS) {
            p.skipCfws();
            String tag = p.token();
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
            p.skipCfws();
            if (!p.consume(',') && p.pos < p.s.length()) {
                p.pos++; // junk
            }
        }
        return tags;
    }

    private List<BodyPart.Parameter> parameters() {
        Map<String, RawParameter> byName = new LinkedHashMap<>();
        int count = 0;
        while (pos < s.length() && count < MAX_PARAMETERS) {
            skipCfws();
            if (!consume(';')) {
                if (pos >= s.length()) {
                    break;
                }
                skipTo(';'); // junk before the next parameter
                continue;
            }
            skipCfws();
            String name = token();
            skipCfws();
            if (name.isEmpty() || !consume('=')) {
                continue;
            }
            skipCfws();
            boolean quoted = pos < s.length() && s.charAt(pos) == '"';
            String value = quoted ? quotedString() : unquotedValue();
            count++;
            add(byName, name, value);
        }
        List<BodyPart.Parameter> parameters = new ArrayList<>(byName.size());
        for (RawParameter raw : byName.values()) {
            parameters.add(new BodyPart.Parameter(raw.name, raw.value()));
        }
        return parameters;
    }

    /** One parameter name with its plain value, RFC 2231 extended value and sections. */
    private static final class RawParameter {
        final String name;
        String plain;
        String extended;
        TreeMap<Integer, String[]> sections; // index -> {text, "*" when percent-encoded}

        RawParameter(String name) {
            this.name = name;
        }

        String value() {
            if (extended != null) {
                return decodeExtended(extended);
            }
            if (sections != null) {
                return joinSections(sections);
            }
            return plain;
        }
    }

    private static void add(Map<String, RawParameter> byName, String name, String value) {
        int star = name.indexOf('*');
        String base = star < 0 ? name : name.substring(0, star);
        if (base.isEmpty()) {
            return;
        }
        RawParameter raw = byName.computeIfAbsent(base.toLowerCase(Locale.ROOT), k -> new RawParameter(base));
        if (star < 0) {
            if (raw.plain == null) {
                raw.plain = value;
            }
            return;
        }
        String rest = name.substring(star + 1);
        if (rest.isEmpty()) {
            // name*=charset'language'value (RFC 2231 §4); broken mailers quote it, which is tolerated
            if (raw.extended == null) {
                raw.extended = value;
            }
            return;
        }
        boolean encoded = rest.endsWith("*");
        String digits = encoded ? rest.substring(0, rest.length() - 1) : rest;
        int index = sectionNumber(digits);
        if (index < 0) {
            return;
        }
        if (raw.sections == null) {
            raw.sections = new TreeMap<>();
        }
        raw.sections.putIfAbsent(index, new String[] {value, encoded ? "*" : ""});
    }

    private static int sectionNumber(String digits) {
        if (digits.isEmpty() || digits.length() > 3) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index <= MAX_SECTION ? index : -1;
    }

    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return percentDecode(value, null); // no charset'language' prefix: lenient
        }
        return percentDecode(value.substring(second + 1), value.substring(0, first));
    }

    private static String joinSections(TreeMap<Integer, String[]> sections) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] section : sections.values()) {
            String text = section[0];
            boolean encoded = !section[1].isEmpty();
            if (first && encoded) {
                // only the first section carries charset'language' (RFC 2231 §4.1)
                int a = text.indexOf('\'');
                int b = a < 0 ? -1 : text.indexOf('\'', a + 1);
                if (b >= 0) {
                    charset = text.substring(0, a);
                    text = text.substring(b + 1);
                }
            }
            first = false;
            if (encoded) {
                percentDecodeTo(text, bytes);
            } else {
                byte[] plain = text.getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        return decodeBytes(bytes.toByteArray(), charset);
    }

    private static String percentDecode(String text, String charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        percentDecodeTo(text, bytes);
        return decodeBytes(bytes.toByteArray(), charset);
    }

    private static void percentDecodeTo(String text, ByteArrayOutputStream bytes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write((high << 4) | low);
                    i += 2;
                    continue;
                }
            }
            if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
    }

    /** Bytes in the named charset; unknown or missing charsets: UTF-8 when valid, else ISO-8859-1. */
    static String decodeBytes(byte[] bytes, String charsetName) {
        Charset charset = Charsets.lookup(charsetName);
        if (charset == null) {
            return HeaderBytes.text(bytes, 0, bytes.length);
        }
        return new String(bytes, charset);
    }

    // ---- lexical level (RFC 2045 §5.1 tokens, RFC 5322 quoted strings and comments) -----------

    private static boolean isTspecialOrBlank(char c) {
        switch (c) {
            case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':': case '\\': case '"':
            case '/': case '[': case ']': case '?': case '=': case ' ': case '\t': case '\r': case '\n':
                return true;
            default:
                return c < ' ' || c == 127;
        }
    }

    private String token() {
        int start = pos;
        while (pos < s.length() && !isTspecialOrBlank(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** An unquoted parameter value, leniently up to ';' or a blank (broken mailers leave '=' or '/' unquoted). */
    private String unquotedValue() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ';' || c == ' ' || c == '\t' || c == '(' || c < ' ') {
                break;
            }
            pos++;
        }
        return s.substring(start, pos);
    }

    private String quotedString() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            out.append(c);
        }
        return out.toString(); // unterminated: the rest of the field
    }

    private void skipCfws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
    }

    private void skipTo(char stop) {
        while (pos < s.length() && s.charAt(pos) != stop) {
            char c = s.charAt(pos);
            if (c == '"') {
                quotedString();
            } else if (c == '(') {
                skipComment();
            } else {
                pos++;
            }
        }
    }

    private boolean consume(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }
}
