package io.mailplatform.store.mailbox;

import io.mailplatform.store.mailbox.MailboxRefusedException.Reason;
import java.text.Normalizer;

/**
 * The rules for mailbox names that every protocol applies the same way, after decoding the name
 * from its wire form: NFC (RFC 9051 §5.1), INBOX case-insensitive also as the first level of a
 * hierarchical name, and what a name must look like to be created or renamed to.
 */
public final class MailboxNameRules {
    public static final char DELIMITER = Mailbox.DELIMITER;
    /**
     * The RFC 2342 "Other Users" namespace, where mailboxes other accounts share appear (RFC 4314,
     * {@code store.acl}): no mailbox of an account's own may be named into it.
     */
    public static final String OTHER_USERS = "Other Users";
    /**
     * The RFC 2342 "Shared Folders" namespace, where the public mailboxes that belong to no account
     * appear ({@code store.acl.PublicFolders}): no mailbox of an account's own may be named into it.
     */
    public static final String SHARED_FOLDERS = "Shared Folders";
    /** Longest name accepted for new mailboxes and subscriptions, in characters. */
    public static final int MAX_LENGTH = 512;

    private MailboxNameRules() {
    }

    /** The store name for a decoded name: NFC, and "inbox/Archive" is "INBOX/Archive". */
    public static String canonical(String decoded) {
        String name = Normalizer.normalize(decoded, Normalizer.Form.NFC);
        int slash = name.indexOf(DELIMITER);
        String first = slash < 0 ? name : name.substring(0, slash);
        if (first.equalsIgnoreCase(Mailbox.INBOX)) {
            name = Mailbox.INBOX + (slash < 0 ? "" : name.substring(slash));
        }
        return name;
    }

    /**
     * Checks a name for CREATE or RENAME: levels must not be empty, no wildcards or control
     * characters, not too long.
     *
     * @throws MailboxRefusedException with CANNOT or LIMIT if the name cannot be created
     */
    public static void checkCreatable(String name) {
        if (name.isEmpty()) {
            throw new MailboxRefusedException(Reason.CANNOT, "Empty mailbox name");
        }
        checkLength(name);
        if (inOtherUsers(name)) {
            throw new MailboxRefusedException(Reason.CANNOT, "\"" + OTHER_USERS + "\" holds other accounts' mailboxes");
        }
        if (inSharedFolders(name)) {
            throw new MailboxRefusedException(Reason.CANNOT, "\"" + SHARED_FOLDERS + "\" holds the public mailboxes");
        }
        if (name.charAt(0) == DELIMITER || name.indexOf("" + DELIMITER + DELIMITER) >= 0) {
            throw new MailboxRefusedException(Reason.CANNOT, "Empty levels of hierarchy are not supported");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '%' || cp == '*') {
                throw new MailboxRefusedException(Reason.CANNOT, "Wildcards are not allowed in mailbox names");
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.UNASSIGNED
                    || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new MailboxRefusedException(Reason.CANNOT, "Control characters are not allowed in mailbox names");
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * Refuses a name longer than any mailbox may have: also for SUBSCRIBE, whose names are kept
     * whether or not a mailbox exists.
     *
     * @throws MailboxRefusedException with LIMIT if the name is too long
     */
    public static void checkLength(String name) {
        if (name.length() > MAX_LENGTH) {
            throw new MailboxRefusedException(Reason.LIMIT, "Mailbox name too long (at most " + MAX_LENGTH + " characters)");
        }
    }

    /** Whether a name is in the "Other Users" namespace (its own levels included). */
    public static boolean inOtherUsers(String name) {
        return isSelfOrInferior(name, OTHER_USERS);
    }

    /** Whether a name is in the "Shared Folders" namespace (its own level included). */
    public static boolean inSharedFolders(String name) {
        return isSelfOrInferior(name, SHARED_FOLDERS);
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
}
