package io.mailplatform.imap.response;

/** Where processors send untagged responses; they are encoded and written in order. */
public interface Responder {
    void untagged(ImapResponse response);

    /** Sends what is buffered now (before a long wait, e.g. IDLE). */
    void flush();
}
