package io.mailplatform.delivery.route;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.store.directory.Account;
import java.util.List;

/**
 * Where one envelope recipient goes after alias, list, subaddress and catch-all expansion.
 *
 * @param recipient the envelope recipient
 * @param local the local accounts reached, each once
 * @param remote the remote addresses reached (authenticated submissions, forwarding aliases), each once
 * @param failure why nothing was reached, or null when something was
 * @param fannedOut whether a distribution list or an alias with several targets was expanded on the way
 */
public record Resolution(EnvelopeRecipient recipient, List<Account> local, List<String> remote, RouteFailure failure,
        boolean fannedOut) {
    public Resolution {
        local = List.copyOf(local);
        remote = List.copyOf(remote);
    }
}
