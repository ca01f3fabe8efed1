package io.mailplatform.delivery.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands macro-strings (RFC 7208 §7.3 and §7.4) against the values of one check. */
final class MacroExpander {
    /** RFC 7208 §7.3: a domain name longer than this is truncated from the left, label by label. */
    private static final int MAX_DOMAIN = 253;

    /** The values macros refer to; {@code validatedName} may query DNS and is called only when "p" is used. */
    interface Values {
        String sender();

        String localPart();

        String senderDomain();

        String domain();

        String ip();

        String validatedName();

        String ipVersion();

        String helo();

        String clientIp();

        String receiver();

        long timestamp();
    }

    private MacroExpander() {
    }

    /** Expands a domain-spec into a name to query: trailing dot removed, truncated to 253 octets. */
    static String domain(MacroString spec, Values values) {
        String name = expand(spec, values);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        while (name.length() > MAX_DOMAIN) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                break;
            }
            name = name.substring(dot + 1);
        }
        return name;
    }

    static String expand(MacroString string, Values values) {
        StringBuilder out = new StringBuilder();
        for (MacroString.Token token : string.tokens()) {
            if (token instanceof MacroString.Literal literal) {
                out.append(literal.text());
            } else {
                out.append(expand((MacroString.Expand) token, values));
            }
        }
        return out.toString();
    }

    private static String expand(MacroString.Expand macro, Values values) {
        String value = switch (macro.letter()) {
            case 's' -> values.sender();
            case 'l' -> values.localPart();
            case 'o' -> values.senderDomain();
            case 'd' -> values.domain();
            case 'i' -> values.ip();
            case 'p' -> values.validatedName();
            case 'v' -> values.ipVersion();
            case 'h' -> values.helo();
            case 'c' -> values.clientIp();
            case 'r' -> values.receiver();
            case 't' -> Long.toString(values.timestamp());
            default -> throw new IllegalStateException("letter checked at parse time: " + macro.letter());
        };
        if (macro.rightParts() > 0 || macro.reverse() || !".".equals(macro.delimiters())) {
            value = transform(value, macro);
        }
        return macro.urlEscape() ? urlEscape(value) : value;
    }

    /** Split on the delimiters, optionally reverse, keep the rightmost parts, join with "." (RFC 7208 §7.3). */
    private static String transform(String value, MacroString.Expand macro) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (macro.delimiters().indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (macro.reverse()) {
            Collections.reverse(parts);
        }
        if (macro.rightParts() > 0 && macro.rightParts() < parts.size()) {
            parts = parts.subList(parts.size() - macro.rightParts(), parts.size());
        }
        return String.join(".", parts);
    }

    /** Escapes every octet outside RFC 3986 "unreserved" as %XX. */
    static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
