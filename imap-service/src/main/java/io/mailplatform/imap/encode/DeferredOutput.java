package io.mailplatform.imap.encode;

/**
 * Part of a response written later, a piece at a time, while the client takes it: a literal read
 * from the store a chunk at a time, or a section read and encoded only when its turn comes. The
 * responder calls {@link #writeNext} while the channel is writable, so a session holds one piece,
 * never a whole large response, and no thread waits for the client.
 */
@FunctionalInterface
public interface DeferredOutput {
    /**
     * Writes the next piece.
     *
     * @return whether more pieces follow
     * @throws LiteralCutException when a literal already announced cannot be completed
     */
    boolean writeNext(ImapWriter writer);
}
