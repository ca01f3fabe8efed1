package io.mailplatform.delivery.route;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Maps an envelope recipient to a local account. */
@Component
public class RecipientResolver {
    private final DirectoryService directory;

    public RecipientResolver(DirectoryService directory) {
        this.directory = directory;
    }

    public Optional<Account> resolve(String recipient) {
        try {
            MailboxAddress address = MailboxAddress.parse(recipient);
            return directory.findAccount(address.normalized()).filter(Account::enabled);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
