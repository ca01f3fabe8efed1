package io.mailplatform.core.mime;

import java.time.Instant;

/**
 * What the platform learns from parsing a message once, at delivery or APPEND, and stores beside
 * the content so that IMAP FETCH ENVELOPE/BODYSTRUCTURE, SEARCH and the webmail never parse again.
 * Produced by {@link MessageSummaryParser}, stored with {@link MessageSummaryCodec}.
 *
 * @param envelope the IMAP ENVELOPE fields
 * @param body the root entity (offsets 0 .. message size)
 * @param sentDate the Date header as an instant, or null when missing or unparsable (SEARCH SENT*)
 * @param searchText decoded text for full-text search: subject, addresses and the text of text/* parts
 *        (capped, see {@link MessageSummaryParser#SEARCH_TEXT_LIMIT}); null in summaries read back from
 *        the store, which keeps this text only as a tsvector
 */
public record MessageSummary(ImapEnvelope envelope, BodyPart body, Instant sentDate, String searchText) {

    /** The message size in octets. */
    public int size() {
        return body.endOffset();
    }

    /** This summary without its search text (what the store keeps in its summary column). */
    public MessageSummary withoutSearchText() {
        return searchText == null ? this : new MessageSummary(envelope, body, sentDate, null);
    }
}
