package io.mailplatform.core.mime;

import java.time.Instant;

/**
 * What the platform learns from parsing a message once, at delivery or APPEND, and stores beside
 * the content so that IMAP FETCH ENVELOPE/BODYSTRUCTURE, SEARCH and the webmail never parse again.
 *
 * @param envelope the IMAP ENVELOPE fields
 * @param body the root entity (offsets 0 .. message size)
 * @param sentDate the Date header as an instant, or null when missing or unparsable (SEARCH SENT*)
 * @param searchText decoded text for full-text search: subject, addresses and the text of text/* parts
 */
public record MessageSummary(ImapEnvelope envelope, BodyPart body, Instant sentDate, String searchText) {
}
