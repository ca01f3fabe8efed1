package io.mailplatform.smtp.policy;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.Subaddressing;
import java.util.List;
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
