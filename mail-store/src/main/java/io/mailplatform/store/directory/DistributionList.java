package io.mailplatform.store.directory;

import java.util.List;

/**
 * A distribution list: mail to its address goes to every member (each member once).
 *
 * @param id database id
 * @param address the list's normalized address
 * @param membersOnly whether only members may send to the list
 * @param members normalized member addresses (accounts, aliases, other lists or remote addresses)
 */
public record DistributionList(long id, String address, boolean membersOnly, List<String> members) {
    public DistributionList {
        members = List.copyOf(members);
    }
}
