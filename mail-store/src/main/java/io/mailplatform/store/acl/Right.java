package io.mailplatform.store.acl;

/** The rights of RFC 4314 §2.1, in the order their letters are written. */
public enum Right {
    /** l: the mailbox is visible to LIST and LSUB, SUBSCRIBE to it. */
    LOOKUP('l'),
    /** r: SELECT, EXAMINE, STATUS, FETCH, SEARCH, COPY from it. */
    READ('r'),
    /** s: keep \Seen across sessions (STORE, APPEND, COPY, FETCH's implicit \Seen). */
    SEEN('s'),
    /** w: set and clear flags other than \Seen and \Deleted. */
    WRITE('w'),
    /** i: APPEND, COPY and MOVE into the mailbox. */
    INSERT('i'),
    /** p: send mail to the mailbox's submission address (not used by this server). */
    POST('p'),
    /** k: create mailboxes below it, or rename one to below it. */
    CREATE_MAILBOX('k'),
    /** x: delete or rename the mailbox. */
    DELETE_MAILBOX('x'),
    /** t: set and clear \Deleted. */
    DELETE_MESSAGES('t'),
    /** e: EXPUNGE, and CLOSE's expunge. */
    EXPUNGE('e'),
    /** a: read and change the ACL (GETACL, SETACL, DELETEACL, LISTRIGHTS). */
    ADMINISTER('a');

    private final char letter;

    Right(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The right of a letter, or null for a letter that is not one of RFC 4314's. */
    public static Right of(char letter) {
        for (Right right : values()) {
            if (right.letter == letter) {
                return right;
            }
        }
        return null;
    }
}
