package io.mailplatform.core.mime;

/**
 * One address of an IMAP ENVELOPE (RFC 9051 §7.5.2 {@code address}): each component raw, as it
 * appears in the header (RFC 2047 encoded words are not decoded), null for NIL. Group syntax is
 * represented as IMAP does: a start marker with {@code host} null and {@code mailbox} the group
 * name, and an end marker with {@code mailbox} and {@code host} both null.
 */
public record EnvelopeAddress(String name, String adl, String mailbox, String host) {
}
