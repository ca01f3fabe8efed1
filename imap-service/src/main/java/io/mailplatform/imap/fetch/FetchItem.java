package io.mailplatform.imap.fetch;

import java.util.List;

/** One data item of a FETCH command (RFC 9051 §6.4.5, {@code fetch-att}). */
public sealed interface FetchItem permits FetchItem.Attribute, FetchItem.Preview, BodySection, BinarySection, BinarySize {

    /** Whether fetching this item sets \Seen (RFC 9051 §6.4.5: BODY[...] and BINARY[...] without .PEEK). */
    default boolean setsSeen() {
        return false;
    }

    /** Items without arguments. */
    enum Attribute implements FetchItem {
        FLAGS, UID, INTERNALDATE, RFC822_SIZE, ENVELOPE,
        /** BODY: the body structure without extension data. */
        BODY,
        BODYSTRUCTURE,
        /** MODSEQ (RFC 7162 §3.1.4). */
        MODSEQ,
        /** SAVEDATE (RFC 8514 §4.2): when the message was saved in this mailbox. */
        SAVEDATE,
        /** EMAILID (RFC 8474 §5.1). */
        EMAILID,
        /** THREADID (RFC 8474 §5.2): the id of the thread the message was given when stored (V51). */
        THREADID
    }

    /**
     * PREVIEW (RFC 8970 §3): the message's preview text.
     *
     * @param lazy PREVIEW (LAZY): NIL rather than computing a preview the store does not hold yet
     */
    record Preview(boolean lazy) implements FetchItem {
    }

    /** The macros ALL, FAST and FULL (RFC 9051 §6.4.5). */
    static List<FetchItem> all() {
        return List.of(Attribute.FLAGS, Attribute.INTERNALDATE, Attribute.RFC822_SIZE, Attribute.ENVELOPE);
    }

    static List<FetchItem> fast() {
        return List.of(Attribute.FLAGS, Attribute.INTERNALDATE, Attribute.RFC822_SIZE);
    }

    static List<FetchItem> full() {
        return List.of(Attribute.FLAGS, Attribute.INTERNALDATE, Attribute.RFC822_SIZE, Attribute.ENVELOPE,
                Attribute.BODY);
    }
}
