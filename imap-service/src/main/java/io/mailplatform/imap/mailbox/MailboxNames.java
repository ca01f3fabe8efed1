package io.mailplatform.imap.mailbox;

import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.store.mailbox.Mailbox;
import java.text.Normalizer;

/**
 * Mailbox names between the wire and the store. The store keeps names in UTF-8 (NFC, RFC 9051
 * §5.1), "/" as the delimiter and "INBOX" spelled in capitals; IMAP4rev1 sessions see them in
 * modified UTF-7, IMAP4rev2 sessions in UTF-8.
 */
public final class MailboxNames {
    public static final char DELIMITER = Mailbox.DELIMITER;
    /** Longest name accepted for new mailboxes, in characters. */
    public static final int MAX_LENGTH = 512;

    private MailboxNames() {
    }

    /**
     * The store name for a name as the client sent it. INBOX is case-insensitive (RFC 9051 §5.1),
     * also as the first level of a hierarchical name, so "inbox/Archive" is "INBOX/Archive".
     *
     * @param utf8 whether the session enabled IMAP4rev2 (names in UTF-8) or not (modified UTF-7)
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
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = name.indexOf(DELIMITER);
        String first = slash < 0 ? name : name.substring(0, slash);
        if (first.equalsIgnoreCase(Mailbox.INBOX)) {
            name = Mailbox.INBOX + (slash < 0 ? "" : name.substring(slash));
        }
        return name;
    }

    /** The name as the session shows it: UTF-8 or modified UTF-7. */
    public static String toClient(String name, boolean utf8) {
        return utf8 ? name : ModifiedUtf7.encode(name);
    }

    /**
     * Checks a name for CREATE or RENAME: levels must not be empty, no wildcards or control
     * characters, not too long.
     *
     * @throws ImapNoException with CANNOT or LIMIT if the name cannot be created
     */
    public static void checkCreatable(String name) {
        if (name.isEmpty()) {
            throw new ImapNoException(ResponseCode.CANNOT, "Empty mailbox name");
        }
        checkLength(name);
        if (name.charAt(0) == DELIMITER || name.indexOf("" + DELIMITER + DELIMITER) >= 0) {
            throw new ImapNoException(ResponseCode.CANNOT, "Empty levels of hierarchy are not supported");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '%' || cp == '*') {
                throw new ImapNoException(ResponseCode.CANNOT, "Wildcards are not allowed in mailbox names");
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.UNASSIGNED
                    || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new ImapNoException(ResponseCode.CANNOT, "Control characters are not allowed in mailbox names");
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * Refuses a name longer than any mailbox may have: also for SUBSCRIBE, whose names are kept
     * whether or not a mailbox exists.
     *
     * @throws ImapNoException with LIMIT if the name is too long
     */
    public static void checkLength(String name) {
        if (name.length() > MAX_LENGTH) {
            throw new ImapNoException(ResponseCode.LIMIT, "Mailbox name too long (at most " + MAX_LENGTH + " characters)");
        }
    }

    /** The name without a trailing delimiter (CREATE foo/ creates foo, RFC 9051 §6.3.4). */
    public static String withoutTrailingDelimiter(String name) {
        String result = name;
        while (result.length() > 1 && result.charAt(result.length() - 1) == DELIMITER) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** Whether {@code name} is {@code ancestor} or below it. */
    public static boolean isSelfOrInferior(String name, String ancestor) {
        return name.equals(ancestor) || name.startsWith(ancestor + DELIMITER);
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
