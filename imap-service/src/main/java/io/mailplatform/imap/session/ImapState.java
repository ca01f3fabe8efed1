package io.mailplatform.imap.session;

/** The connection states of RFC 9051 §3. */
public enum ImapState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
}
