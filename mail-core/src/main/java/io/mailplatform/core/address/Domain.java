package io.mailplatform.core.address;

import java.net.IDN;
import java.util.Locale;

/**
 * A domain name (RFC 5321 §4.1.2 {@code Domain}) or an address literal ({@code [192.0.2.1]},
 * {@code [IPv6:2001:db8::1]}). Internationalized names are kept in their A-label form so that
 * comparisons and DNS look-ups use one spelling.
 */
public record Domain(String name) {

    public Domain {
        name = name.toLowerCase(Locale.ROOT);
    }

    public static Domain parse(String text) throws AddressException {
        if (text == null || text.isEmpty()) {
            throw new AddressException("empty domain");
        }
        if (text.startsWith("[")) {
            return new Domain(AddressLiteral.validate(text));
        }
        String ascii;
        try {
            ascii = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new AddressException("invalid domain: " + e.getMessage());
        }
        if (ascii.length() > 255) {
            throw new AddressException("domain longer than 255 octets");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!isLdhLabel(label)) {
                throw new AddressException("invalid domain label '" + label + "'");
            }
        }
        return new Domain(ascii);
    }

    /** RFC 5321 {@code sub-domain}: letters, digits and inner hyphens, 1 to 63 octets. */
    private static boolean isLdhLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean isAddressLiteral() {
        return name.startsWith("[");
    }

    /** The Unicode (U-label) form for display. */
    public String unicode() {
        return isAddressLiteral() ? name : IDN.toUnicode(name, IDN.ALLOW_UNASSIGNED);
    }

    @Override
    public String toString() {
        return name;
    }
}
