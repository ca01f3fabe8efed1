package io.mailplatform.core.address;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An RFC 5321 {@code Mailbox}: {@code Local-part "@" Domain}. The local part is kept as the sender
 * wrote it (unquoted); {@link #normalized()} is the key the directory stores (local parts are treated
 * case-insensitively here, as every popular server does, although RFC 5321 §2.4 allows otherwise).
 */
public record MailboxAddress(String localPart, Domain domain) {

    /** RFC 5321 §4.5.3.1.1 and §4.5.3.1.3. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;
    public static final int MAX_PATH_OCTETS = 256;

    /**
     * Parses {@code local@domain} (no angle brackets); a quoted local part is unquoted. A local part
     * longer than 64 octets is refused unless it is an {@linkplain #isSrsLocalPart SRS} one: a
     * forwarder's rewritten sender often is longer, and real MTAs take it (RFC 5321 §4.5.3.1 asks
     * for as few length limits as possible); the whole path stays within 256 octets.
     */
    public static MailboxAddress parse(String text) throws AddressException {
        if (text == null || text.isEmpty()) {
            throw new AddressException("empty address");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new AddressException("address must be local-part@domain");
        }
        String local = LocalPart.parse(text.substring(0, at));
        Domain domain = Domain.parse(text.substring(at + 1));
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_OCTETS && !isSrsLocalPart(local)) {
            throw new AddressException("local part longer than 64 octets");
        }
        return new MailboxAddress(local, domain);
    }

    /** Lower-case key used by the directory and the idempotency records. */
    public String normalized() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain.name();
    }

    /**
     * The directory's key for a name as a client typed it: the {@link #normalized()} address (quotes
     * and quoted pairs undone, the domain in A-labels with full-width and ideographic dots as dots,
     * case folded), or, when the name is no address, the name lower-cased. Every spelling that finds
     * an account gives that account's key, so whatever counts per account (the login throttle) uses it.
     */
    public static String lookupKey(String text) {
        try {
            return parse(text).normalized();
        } catch (AddressException e) {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whether a local part is that of a Sender Rewriting Scheme address: {@code SRS0} or {@code SRS1}
     * in any case, then one of the separators {@code = + -} (as libsrs2 recognises them), then more.
     */
    public static boolean isSrsLocalPart(String localPart) {
        return localPart.length() > 5 && (localPart.regionMatches(true, 0, "SRS0", 0, 4)
                || localPart.regionMatches(true, 0, "SRS1", 0, 4)) && "=+-".indexOf(localPart.charAt(4)) >= 0;
    }

    /** Whether this is a Sender Rewriting Scheme address ({@link #isSrsLocalPart}). */
    public boolean isSrs() {
        return isSrsLocalPart(localPart);
    }

    /** True if the local part needs SMTPUTF8 (RFC 6531) to travel. */
    public boolean isInternational() {
        for (int i = 0; i < localPart.length(); i++) {
            if (localPart.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The wire form, quoting the local part when it is not a dot-atom. */
    @Override
    public String toString() {
        return LocalPart.format(localPart) + "@" + domain.name();
    }
}
