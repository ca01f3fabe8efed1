package io.mailplatform.store.directory;

import java.util.List;

/**
 * What the directory holds under one address, for routing: an account, alias targets, a list, or
 * nothing (all empty).
 *
 * @param address the normalized address
 * @param account the account with this address, or null
 * @param aliasTargets the targets of an alias with this address (empty if none)
 * @param list the distribution list with this address, or null
 */
public record RoutingEntry(String address, Account account, List<String> aliasTargets, DistributionList list) {
    public RoutingEntry {
        aliasTargets = List.copyOf(aliasTargets);
    }

    public boolean isEmpty() {
        return account == null && aliasTargets.isEmpty() && list == null;
    }
}
