package io.mailplatform.core.mime;

import java.time.OffsetDateTime;

/**
 * What the platform learns from parsing a message once, at delivery or APPEND, and stores beside
 * the content so that IMAP FETCH ENVELOPE/BODYSTRUCTURE, SEARCH and the webmail never parse again.
 * Produced by {@link MessageSummaryParser}, stored with {@link MessageSummaryCodec}.
 *
 * @param envelope the IMAP ENVELOPE fields
 * @param body the root entity (offsets 0 .. message size)
 * @param sentDate the Date header as written: its date and time with the zone written beside them
 *        (+0000 for a missing or unknown zone), or null when missing or unparsable (SEARCH SENT*)
 * @param searchText decoded text for full-text search: subject, addresses and the text of text/* parts
 *        (capped, see {@link MessageSummaryParser#SEARCH_TEXT_LIMIT}); null in summaries read back from
 *        the store, which keeps this text only as a tsvector
 * @param headerText decoded text of every header field of the message and its parts, for SEARCH TEXT
 *        (capped, see {@link MessageSummaryParser#HEADER_TEXT_LIMIT}); null where searchText is
 */
public record MessageSummary(ImapEnvelope envelope, BodyPart body, OffsetDateTime sentDate, String searchText,
        String headerText) {

    /** The message size in octets. */
    public int size() {
        return body.endOffset();
    }

    /** This summary without its search texts (what the store keeps in its summary column). */
    public MessageSummary withoutSearchText() {
        return searchText == null && headerText == null ? this : new MessageSummary(envelope, body, sentDate, null, null);
    }
}
