package io.mailplatform.core.address;

import java.util.regex.Pattern;

/** RFC 5321 §4.1.3 address literals. */
final class AddressLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern GENERAL = Pattern.compile("[A-Za-z0-9-]*[A-Za-z0-9]:[\\x21-\\x5a\\x5e-\\x7e]+");

    private AddressLiteral() {
    }

    static String validate(String text) throws AddressException {
        if (!text.endsWith("]") || text.length() < 3) {
            throw new AddressException("unterminated address literal");
        }
        String inner = text.substring(1, text.length() - 1);
        if (IPV4.matcher(inner).matches()) {
            return text;
        }
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5) && IPV6.matcher(inner.substring(5)).matches()
                && inner.substring(5).contains(":")) {
            return text;
        }
        if (!inner.regionMatches(true, 0, "IPv6:", 0, 5) && GENERAL.matcher(inner).matches()) {
            return text;
        }
        throw new AddressException("invalid address literal " + text);
    }
}
