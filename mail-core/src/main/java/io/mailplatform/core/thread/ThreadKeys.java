package io.mailplatform.core.thread;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.core.sort.BaseSubject;
import java.util.List;

/**
 * What THREAD=REFERENCES (RFC 5256 §3) needs of a message besides its base subject and sent date,
 * computed once when the message is stored.
 *
 * @param messageId the first valid id of Message-ID, normalized ({@link MessageIds}), or null
 * @param references the valid ids of References, or else the first valid one of In-Reply-To (RFC 5256
 *        §3 step 1), normalized, oldest first; at most {@link #MAX_REFERENCES} (the last ones, nearest
 *        the message)
 * @param replyOrForward whether the Subject marks a reply or forward ({@link BaseSubject#isReplyOrForward})
 */
public record ThreadKeys(String messageId, List<String> references, boolean replyOrForward) {
    /** References beyond this many are dropped from the oldest end; they only add ancestors far up. */
    public static final int MAX_REFERENCES = 100;

    public ThreadKeys {
        references = List.copyOf(references.size() <= MAX_REFERENCES ? references
                : references.subList(references.size() - MAX_REFERENCES, references.size()));
    }

    /** The keys of a message, from its header fields. */
    public static ThreadKeys of(byte[] message) {
        List<HeaderField> fields = HeaderSection.fields(message, 0, HeaderSection.bodyOffset(message));
        return of(HeaderSection.first(message, fields, "Message-ID"), HeaderSection.first(message, fields, "References"),
                HeaderSection.first(message, fields, "In-Reply-To"), HeaderSection.first(message, fields, "Subject"));
    }

    /** The keys from the raw field values (each null when absent). */
    public static ThreadKeys of(String messageId, String references, String inReplyTo, String subject) {
        List<String> parents = MessageIds.all(references);
        if (parents.isEmpty()) {
            String first = MessageIds.first(inReplyTo);
            parents = first == null ? List.of() : List.of(first);
        }
        return new ThreadKeys(MessageIds.first(messageId), parents, BaseSubject.isReplyOrForward(subject));
    }
}
