package io.mailplatform.webmail.mail;

import io.mailplatform.store.mailbox.MessageFlags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Flag names in requests, checked as IMAP would: a system flag (\Seen, \Answered, \Flagged,
 * \Deleted, \Draft) or a keyword that is an IMAP atom ({@code $Junk}, {@code work}) of at most 100
 * characters. \Recent is a session property and cannot be set.
 */
final class FlagNames {
    private static final int MAX_KEYWORD = 100;

    private FlagNames() {
    }

    static MessageFlags of(Collection<String> names, String field) {
        List<String> checked = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (name != null && name.startsWith("\\")) {
                if (MessageFlags.bitOf(name) == 0) {
                    throw new InvalidParameterException(field, "names an unknown system flag: " + name);
                }
                checked.add(name);
            } else {
                checked.add(keyword(name, field));
            }
        }
        return MessageFlags.of(checked);
    }

    /** RFC 9051 flag-keyword = atom: printable ASCII without atom-specials. */
    static String keyword(String name, String field) {
        if (name == null || name.isEmpty() || name.length() > MAX_KEYWORD) {
            throw new InvalidParameterException(field, "has an empty or too long keyword");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new InvalidParameterException(field, "has a keyword that is not an IMAP atom");
            }
        }
        return name;
    }
}
