package io.mailplatform.store.directory;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender identities granted by configuration beyond an account's own addresses
 * ({@code mail.smtp.permitted-senders} for SMTP submission, {@code mail.webmail.send.permitted-senders}
 * for the webmail): entries {@code login:pattern}, where the login is an account
 * address or {@code *} (every account) and the pattern an address, {@code *@domain} or {@code *}.
 * Refused at start when an entry cannot be read.
 */
public final class PermittedSenders {
    private static final String ANY = "*";

    /** Patterns by normalized login ({@value #ANY} for every account); each pattern normalized. */
    private final Map<String, List<String>> patterns;

    private PermittedSenders(Map<String, List<String>> patterns) {
        this.patterns = patterns;
    }

    /**
     * @param property the configuration key the entries come from, named when one cannot be read
     */
    public static PermittedSenders parse(String property, List<String> entries) {
        Map<String, List<String>> patterns = new HashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw invalid(property, entry, "use login:pattern");
            }
            String login = entry.substring(0, colon).strip();
            String pattern = entry.substring(colon + 1).strip();
            try {
                String key = login.equals(ANY) ? ANY : MailboxAddress.parse(login).normalized();
                patterns.computeIfAbsent(key, k -> new ArrayList<>()).add(pattern(pattern));
            } catch (AddressException e) {
                throw invalid(property, entry, e.getMessage());
            }
        }
        return new PermittedSenders(patterns);
    }

    /** The patterns granted to this account (normalized login), its own and those for every account. */
    public List<String> patternsFor(String login) {
        List<String> granted = new ArrayList<>(patterns.getOrDefault(login, List.of()));
        granted.addAll(patterns.getOrDefault(ANY, List.of()));
        return granted;
    }

    /** {@code *}, {@code *@domain} (domain as A-label) or a normalized address. */
    private static String pattern(String pattern) throws AddressException {
        if (pattern.equals(ANY)) {
            return ANY;
        }
        if (pattern.startsWith("*@")) {
            return "*@" + Domain.parse(pattern.substring(2)).name();
        }
        return MailboxAddress.parse(pattern).normalized();
    }

    /** Whether a pattern made by {@link #pattern} covers this sender. */
    static boolean matches(String pattern, MailboxAddress sender) {
        if (pattern.equals(ANY)) {
            return true;
        }
        if (pattern.startsWith("*@")) {
            return pattern.substring(2).equals(sender.domain().name());
        }
        return pattern.equals(sender.normalized());
    }

    private static IllegalArgumentException invalid(String property, String entry, String why) {
        return new IllegalArgumentException(property + ": cannot read '" + entry + "': " + why);
    }
}
