package io.mailplatform.store.directory;

import io.mailplatform.core.address.MailboxAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reverse paths an authenticated account may use (RFC 6409 §6.1 lets a submission server
 * check them): its own address, the aliases that point at it, each with or without a subaddress
 * tag, and what {@link PermittedSenders} grants it.
 *
 * @param addresses normalized addresses
 * @param granted patterns from the configuration ({@link PermittedSenders#patternsFor})
 * @param subaddressing the subaddress separator shared with delivery
 */
public record SenderIdentities(Set<String> addresses, List<String> granted, Subaddressing subaddressing) {

    public SenderIdentities {
        addresses = Set.copyOf(addresses);
        granted = List.copyOf(granted);
    }

    /**
     * The identities of one account: its login, the aliases that point at it (from
     * {@link DirectoryService#aliasesOf}) and the configured grants.
     */
    public static SenderIdentities of(String login, Collection<String> aliases, PermittedSenders permitted,
            Subaddressing subaddressing) {
        String account = login.toLowerCase(Locale.ROOT);
        Set<String> addresses = new HashSet<>(aliases);
        addresses.add(account);
        return new SenderIdentities(addresses, permitted.patternsFor(account), subaddressing);
    }

    public boolean owns(MailboxAddress sender) {
        if (addresses.contains(sender.normalized())) {
            return true;
        }
        String base = subaddressing.base(sender);
        if (base != null && addresses.contains(base)) {
            return true;
        }
        return granted.stream().anyMatch(pattern -> PermittedSenders.matches(pattern, sender));
    }
}
