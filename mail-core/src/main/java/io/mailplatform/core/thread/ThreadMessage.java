package io.mailplatform.core.thread;

import java.time.Instant;
import java.util.List;

/**
 * One message as the threading algorithms of RFC 5256 see it. Messages are given in mailbox order
 * (ascending UID), which breaks ties between equal sent dates.
 *
 * @param id the caller's identifier (a UID), returned in the thread tree
 * @param sentDate the sent date of RFC 5256 §2.2: the Date header, or the internal date without one
 * @param baseSubject the base subject (RFC 5256 §2.1) in the form it is compared in
 * @param keys Message-ID, references and the reply marker
 */
public record ThreadMessage(long id, Instant sentDate, String baseSubject, ThreadKeys keys) {

    /** For tests and callers without stored keys. */
    public static ThreadMessage of(long id, Instant sentDate, String baseSubject, String messageId, List<String> references,
            boolean replyOrForward) {
        return new ThreadMessage(id, sentDate, baseSubject, new ThreadKeys(messageId, references, replyOrForward));
    }
}
