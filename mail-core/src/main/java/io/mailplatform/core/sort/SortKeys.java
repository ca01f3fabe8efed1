package io.mailplatform.core.sort;

import io.mailplatform.core.mime.EnvelopeAddress;
import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import java.util.List;

/**
 * The text keys of IMAP SORT (RFC 5256 §3, RFC 5957) of one message, computed once when it is
 * stored and compared as octets: each is already in the form its comparator compares, so a
 * database orders them with a plain binary collation. A missing value is the empty string, which
 * RFC 5256 sorts first.
 *
 * @param subject the base subject (RFC 5256 §2.1), i;ascii-casemap
 * @param from the addr-mailbox (local part) of the first From address, i;ascii-casemap
 * @param to ... of the first To address
 * @param cc ... of the first Cc address
 * @param displayFrom the decoded display name of the first From address, or else its
 *        {@code mailbox@host} (RFC 5957 §2), or a group's name, case folded
 * @param displayTo ... of the first To address
 */
public record SortKeys(String subject, String from, String to, String cc, String displayFrom, String displayTo) {

    /** Keys are capped (characters): longer ones sort by their beginning, which is what anyone sees. */
    public static final int LIMIT = 512;

    public static SortKeys of(ImapEnvelope envelope) {
        return new SortKeys(cap(BaseSubject.asciiCasemap(BaseSubject.of(envelope.subject()))),
                mailbox(envelope.from()), mailbox(envelope.to()), mailbox(envelope.cc()),
                display(envelope.from()), display(envelope.to()));
    }

    private static String mailbox(List<EnvelopeAddress> addresses) {
        EnvelopeAddress first = first(addresses);
        return first == null || first.mailbox() == null ? "" : cap(BaseSubject.asciiCasemap(first.mailbox()));
    }

    private static String display(List<EnvelopeAddress> addresses) {
        EnvelopeAddress first = first(addresses);
        if (first == null) {
            return "";
        }
        String name = HeaderText.decode(first.isGroupStart() ? first.mailbox() : first.name());
        String shown = name != null && !name.isBlank() ? name.strip()
                : first.host() == null || first.host().equals(EnvelopeAddress.MISSING_DOMAIN) ? first.mailbox()
                : first.address();
        return cap(BaseSubject.unicodeCasemap(shown == null ? "" : shown));
    }

    /**
     * The first address as the ENVELOPE lists it: a group's start marker, whose mailbox is the
     * group name, counts as an address (as in Dovecot; RFC 5256 speaks of the first address of the
     * envelope structure).
     */
    private static EnvelopeAddress first(List<EnvelopeAddress> addresses) {
        for (EnvelopeAddress address : addresses) {
            if (!address.isGroupEnd()) {
                return address;
            }
        }
        return null;
    }

    /** Capped, and without NUL (PostgreSQL text holds none). */
    private static String cap(String key) {
        String capped = key.length() <= LIMIT ? key
                : key.substring(0, Character.isHighSurrogate(key.charAt(LIMIT - 1)) ? LIMIT - 1 : LIMIT);
        return capped.indexOf('\0') < 0 ? capped : capped.replace('\0', ' ');
    }
}
