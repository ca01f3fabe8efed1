package io.mailplatform.smtp.policy;

import io.mailplatform.core.address.MailboxAddress;
import java.util.Set;

/**
 * The reverse paths an authenticated account may use (RFC 6409 §6.1 lets a submission server
 * check them): its own address, with or without a {@code +tag}, and the aliases that point at it.
 *
 * @param addresses normalized addresses
 */
public record SenderIdentities(Set<String> addresses) {

    public SenderIdentities {
        addresses = Set.copyOf(addresses);
    }

    public boolean owns(MailboxAddress sender) {
        if (addresses.contains(sender.normalized())) {
            return true;
        }
        int tag = sender.localPart().indexOf('+');
        return tag > 0 && addresses.contains(new MailboxAddress(sender.localPart().substring(0, tag), sender.domain()).normalized());
    }
}
