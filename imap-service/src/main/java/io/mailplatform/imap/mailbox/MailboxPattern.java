package io.mailplatform.imap.mailbox;

import io.mailplatform.store.mailbox.Mailbox;

/**
 * A canonical LIST pattern (RFC 9051 §6.3.9): "*" matches anything, "%" anything but the
 * delimiter. Matching is dynamic programming over pattern and name, linear in their product, so
 * no pattern can make it backtrack. INBOX matches case-insensitively.
 */
public final class MailboxPattern {
    private final String pattern;

    private MailboxPattern(String pattern) {
        this.pattern = pattern;
    }

    /** The canonical pattern of a reference and a mailbox pattern: their concatenation. */
    public static MailboxPattern of(String reference, String pattern) {
        return new MailboxPattern(reference + pattern);
    }

    public String text() {
        return pattern;
    }

    /** Whether "%" ends the pattern: levels of hierarchy that only exist implicitly are listed too. */
    public boolean listsImpliedLevels() {
        return pattern.endsWith("%");
    }

    public boolean matches(String name) {
        if (glob(pattern, name)) {
            return true;
        }
        // INBOX is case-insensitive: "inbox", "Inbox/%" ... match INBOX and its inferiors
        if (name.startsWith(Mailbox.INBOX) && pattern.length() >= 5
                && pattern.substring(0, 5).equalsIgnoreCase(Mailbox.INBOX)) {
            return glob(Mailbox.INBOX + pattern.substring(5), name);
        }
        return false;
    }

    private static boolean glob(String pattern, String name) {
        int p = pattern.length();
        int n = name.length();
        // reachable[j]: pattern prefix so far matches name prefix of length j
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        for (int i = 0; i < p; i++) {
            char pc = pattern.charAt(i);
            boolean[] next = new boolean[n + 1];
            if (pc == '*' || pc == '%') {
                // a wildcard extends any match to the right; "%" not across a delimiter
                boolean carry = false;
                for (int j = 0; j <= n; j++) {
                    if (pc == '%' && j > 0 && name.charAt(j - 1) == Mailbox.DELIMITER) {
                        carry = false;
                    }
                    carry |= reachable[j];
                    next[j] = carry;
                }
            } else {
                for (int j = 1; j <= n; j++) {
                    next[j] = reachable[j - 1] && name.charAt(j - 1) == pc;
                }
            }
            reachable = next;
        }
        return reachable[n];
    }
}
