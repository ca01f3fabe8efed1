package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.MessageFlags;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flag fields mbox writers keep in each message's header (mutt, Dovecot, Thunderbird's "mbox"
 * export): {@code Status:} R (seen) and O (no longer new), {@code X-Status:} A (answered), F (flagged),
 * T (draft), D (deleted), and {@code X-Keywords:} keywords separated by spaces or commas.
 */
public final class MboxFlags {
    /** Fields that carry flags: hidden from the stored message and written fresh on export. */
    public static final Set<String> FIELDS = Set.of("status", "x-status", "x-keywords");

    private MboxFlags() {
    }

    /** @param status the {@code Status} value or null; likewise the others */
    public static MessageFlags parse(String status, String xStatus, String xKeywords) {
        int system = 0;
        if (status != null && status.indexOf('R') >= 0) {
            system |= MessageFlags.SEEN;
        }
        if (xStatus != null) {
            system |= letter(xStatus, 'A', MessageFlags.ANSWERED) | letter(xStatus, 'F', MessageFlags.FLAGGED)
                    | letter(xStatus, 'T', MessageFlags.DRAFT) | letter(xStatus, 'D', MessageFlags.DELETED);
        }
        Set<String> keywords = new TreeSet<>();
        if (xKeywords != null) {
            for (String keyword : xKeywords.split("[\\s,]+")) {
                if (!keyword.isEmpty()) {
                    keywords.add(keyword);
                }
            }
        }
        return new MessageFlags(system, keywords);
    }

    private static int letter(String value, char letter, int bit) {
        return value.indexOf(letter) >= 0 ? bit : 0;
    }

    /** The three fields for these flags (LF line ends, as the rest of an mbox file); always "O": not new. */
    public static String format(MessageFlags flags) {
        StringBuilder out = new StringBuilder("Status: ");
        if ((flags.system() & MessageFlags.SEEN) != 0) {
            out.append('R');
        }
        out.append("O\nX-Status: ");
        appendIf(out, flags, MessageFlags.ANSWERED, 'A');
        appendIf(out, flags, MessageFlags.FLAGGED, 'F');
        appendIf(out, flags, MessageFlags.DRAFT, 'T');
        appendIf(out, flags, MessageFlags.DELETED, 'D');
        out.append("\nX-Keywords:");
        for (String keyword : new TreeSet<>(flags.keywords())) {
            out.append(' ').append(keyword);
        }
        return out.append('\n').toString();
    }

    private static void appendIf(StringBuilder out, MessageFlags flags, int bit, char letter) {
        if ((flags.system() & bit) != 0) {
            out.append(letter);
        }
    }
}
