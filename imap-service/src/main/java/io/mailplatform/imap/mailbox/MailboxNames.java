package io.mailplatform.imap.mailbox;

import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxNameRules;

/**
 * Mailbox names between the wire and the store. The store keeps names in UTF-8 (NFC, RFC 9051
 * §5.1), "/" as the delimiter and "INBOX" spelled in capitals; IMAP4rev1 sessions see them in
 * modified UTF-7, IMAP4rev2 sessions in UTF-8. The rules for names after decoding are the store's
 * ({@link MailboxNameRules}), shared with the webmail.
 */
public final class MailboxNames {
    public static final char DELIMITER = Mailbox.DELIMITER;

    private MailboxNames() {
    }

    /**
     * The store name for a name as the client sent it. INBOX is case-insensitive (RFC 9051 §5.1),
     * also as the first level of a hierarchical name, so "inbox/Archive" is "INBOX/Archive".
     *
     * @param utf8 whether the session enabled UTF-8 (IMAP4rev2 or UTF8=ACCEPT) or not (modified UTF-7)
     */
    public static String fromClient(String raw, boolean utf8) {
        String name;
        if (utf8 || !isAscii(raw)) {
            name = raw;
        } else {
            try {
                name = ModifiedUtf7.decode(raw);
            } catch (IllegalArgumentException e) {
                throw new ImapNoException(ResponseCode.CANNOT, "Mailbox name is not valid modified UTF-7");
            }
        }
        return MailboxNameRules.canonical(name);
    }

    /** The name as the session shows it: UTF-8 or modified UTF-7. */
    public static String toClient(String name, boolean utf8) {
        return utf8 ? name : ModifiedUtf7.encode(name);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
