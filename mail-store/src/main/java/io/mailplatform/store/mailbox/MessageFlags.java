package io.mailplatform.store.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flags of a stored message: the IMAP system flags as a bit set (column {@code flags}) and
 * keywords (column {@code keywords}). {@code \Recent} is a session property, not stored.
 */
public record MessageFlags(int system, Set<String> keywords) {
    public static final int SEEN = 1;
    public static final int ANSWERED = 2;
    public static final int FLAGGED = 4;
    public static final int DELETED = 8;
    public static final int DRAFT = 16;

    public static final MessageFlags NONE = new MessageFlags(0, Set.of());

    private static final String[] NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    public MessageFlags {
        keywords = Set.copyOf(keywords);
    }

    /** Builds flags from IMAP flag names; system flags case-insensitively, anything else as a keyword. */
    public static MessageFlags of(Collection<String> names) {
        int system = 0;
        Set<String> keywords = new TreeSet<>();
        for (String name : names) {
            int bit = bitOf(name);
            if (bit != 0) {
                system |= bit;
            } else if (!name.equalsIgnoreCase("\\Recent")) {
                keywords.add(name);
            }
        }
        return new MessageFlags(system, keywords);
    }

    /** The bit of a system flag name, or 0 if it is not one. */
    public static int bitOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].toLowerCase(Locale.ROOT).equals(lower)) {
                return 1 << i;
            }
        }
        return 0;
    }

    public boolean has(int bit) {
        return (system & bit) != 0;
    }

    /** All flag names, system flags first, in a stable order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((system & (1 << i)) != 0) {
                names.add(NAMES[i]);
            }
        }
        names.addAll(new TreeSet<>(keywords));
        return names;
    }
}
