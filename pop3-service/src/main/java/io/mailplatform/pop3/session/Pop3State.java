package io.mailplatform.pop3.session;

import java.util.Locale;

/** The states of a POP3 session (RFC 1939 §3). */
public enum Pop3State {
    /** The client identifies itself (USER/PASS, APOP, AUTH); STLS and CAPA too. */
    AUTHORIZATION,
    /** The maildrop is locked and open: STAT, LIST, RETR, DELE, ... */
    TRANSACTION,
    /** After QUIT in TRANSACTION: the deletions take effect and the session ends. */
    UPDATE;

    /** The state's name as replies show it. */
    public String label() {
        return name().toUpperCase(Locale.ROOT);
    }
}
