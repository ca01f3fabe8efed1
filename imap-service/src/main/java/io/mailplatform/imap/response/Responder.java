package io.mailplatform.imap.response;

/**
 * Where processors send untagged responses; they are encoded and written in order. Writing never
 * waits for the client: a command with much to say asks {@link #congested()} between responses and
 * pauses while the client has not read what it was sent.
 */
public interface Responder {
    void untagged(ImapResponse response);

    /** Sends what is buffered now (before a long wait, e.g. IDLE). */
    void flush();

    /**
     * Writes deferred output (literals read from the store as they are sent) while the client takes
     * it, then tells whether output is still waiting for the client: the command should then stop
     * and go on when the client has read ({@code Outcome.Paused}).
     *
     * @throws ImapByeException when the connection is gone or a deferred literal could not be
     *         completed (the connection is then closed)
     */
    boolean congested();
}
