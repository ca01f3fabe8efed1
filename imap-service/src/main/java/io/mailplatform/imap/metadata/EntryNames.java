package io.mailplatform.imap.metadata;

import io.mailplatform.imap.response.ImapSyntaxException;
import java.util.Locale;

/**
 * The rules for METADATA entry names (RFC 5464 §3.2): a slash-separated path under {@code /private}
 * or {@code /shared}, without {@code *} or {@code %}, empty components, a trailing slash or control
 * characters. Names are case-insensitive, so they are compared lower-cased.
 */
public final class EntryNames {
    public static final String PRIVATE = "/private";
    public static final String SHARED = "/shared";
    /** Longer names are refused: far above any registered entry, small enough to index. */
    public static final int MAX_LENGTH = 1024;

    private EntryNames() {
    }

    /**
     * The canonical (lower-cased) form of a name a client sent.
     *
     * @param settable whether the name must lie below /private or /shared (SETMETADATA), or may be one of
     *        them (GETMETADATA with DEPTH)
     * @throws ImapSyntaxException if the name breaks a rule
     */
    public static String canonical(String name, boolean settable) {
        if (name.length() > MAX_LENGTH) {
            throw new ImapSyntaxException("Entry name longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '*' || c == '%') {
                throw new ImapSyntaxException("Entry names contain no wildcards or control characters");
            }
        }
        if (name.contains("//") || name.endsWith("/")) {
            throw new ImapSyntaxException("Entry names have no empty components and no trailing slash");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean below = lower.startsWith(PRIVATE + "/") || lower.startsWith(SHARED + "/");
        boolean top = lower.equals(PRIVATE) || lower.equals(SHARED);
        if (!below && !(top && !settable)) {
            throw new ImapSyntaxException("Entry names start with /private/ or /shared/");
        }
        return lower;
    }

    public static boolean isShared(String canonical) {
        return canonical.startsWith(SHARED);
    }
}
