package io.mailplatform.pop3.maildrop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages after the one being retrieved, read with it in one query when each fits in one
 * chunk: a client that retrieves a maildrop message after message (RETR 1, RETR 2, ...) then costs
 * one store round trip per window instead of one per message. Bounded by {@link #MAX_MESSAGES} and
 * {@link #MAX_OCTETS}; a chunk is handed out once, then forgotten. Used on the session's event loop
 * only, like its {@link Maildrop}.
 *
 * <p>The chunks are as the store held them when the window was read: a message another client
 * expunges meanwhile may still be sent once from here, as it would have been a moment earlier (the
 * maildrop is the INBOX as it was at login in any case, RFC 1939 §8).
 */
public final class ReadAhead {
    /** Messages read ahead at most, the requested one included. */
    public static final int MAX_MESSAGES = 64;
    /** Octets read ahead at most per session (whole messages of one chunk). */
    public static final int MAX_OCTETS = 128 * 1024;

    private final Map<Integer, byte[]> chunks = new HashMap<>();

    /** The chunk read ahead for a message number, once; null if there is none. */
    public byte[] take(int number) {
        return chunks.remove(number);
    }

    /**
     * The messages whose first chunks to read with {@code first}: it, then those after it in number
     * order that are not marked deleted and not read ahead already, within the bounds.
     */
    public List<MaildropMessage> window(Maildrop maildrop, MaildropMessage first, int chunkSize) {
        return maildrop.following(first, MAX_MESSAGES, MAX_OCTETS, chunkSize, number -> !chunks.containsKey(number));
    }

    /** Keeps the chunks read for a window but its first message (the caller sends that one now). */
    public void keep(List<MaildropMessage> window, List<byte[]> read) {
        for (int i = 1; i < window.size(); i++) {
            if (read.get(i) != null) {
                chunks.put(window.get(i).number().value(), read.get(i));
            }
        }
    }

    /** Forgets everything (the maildrop is left). */
    public void clear() {
        chunks.clear();
    }
}
