package io.mailplatform.core.mime;

/**
 * One address of an IMAP ENVELOPE (RFC 9051 §7.5.2 {@code address}): each component raw, as it
 * appears in the header (RFC 2047 encoded words are not decoded; a quoted display name is
 * unquoted), null for NIL. Group syntax is represented as IMAP does: a start marker with
 * {@code host} null and {@code mailbox} the group name, and an end marker with {@code mailbox} and
 * {@code host} both null.
 *
 * <p>The parser is lenient: a display name missing but a comment present ({@code a@b (Alice)})
 * gives the comment as name; an address without a domain gets host {@value #MISSING_DOMAIN}
 * and one without a local part mailbox {@value #MISSING_MAILBOX} (as Dovecot reports them), so a
 * broken address is never mistaken for a group marker.
 */
public record EnvelopeAddress(String name, String adl, String mailbox, String host) {
    /** Host reported for an address without a domain. */
    public static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    /** Mailbox reported for an address without a local part. */
    public static final String MISSING_MAILBOX = "MISSING_MAILBOX";

    /** A group start marker: {@code (NIL NIL "group-name" NIL)}. */
    public static EnvelopeAddress groupStart(String groupName) {
        return new EnvelopeAddress(null, null, groupName, null);
    }

    /** A group end marker: {@code (NIL NIL NIL NIL)}. */
    public static EnvelopeAddress groupEnd() {
        return new EnvelopeAddress(null, null, null, null);
    }

    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    /** {@code mailbox@host} for an address (not a group marker). */
    public String address() {
        return mailbox + "@" + host;
    }
}
