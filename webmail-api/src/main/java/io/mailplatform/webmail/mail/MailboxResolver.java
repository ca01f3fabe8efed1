package io.mailplatform.webmail.mail;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxService;
import org.springframework.stereotype.Component;

/**
 * A mailbox named in a request path: by its id (from the mailbox list; works for every name,
 * including those with a "/" that a path segment cannot carry), or by a name of one level ("INBOX",
 * "Trash"). Always among the logged-in account's own mailboxes: another account's id is simply
 * not found (404), whatever it is.
 */
@Component
public class MailboxResolver {
    private final MailboxService mailboxes;

    public MailboxResolver(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    public Mailbox resolve(Account account, String reference) {
        if (!reference.isEmpty() && reference.chars().allMatch(c -> c >= '0' && c <= '9') && reference.length() < 19) {
            long id = Long.parseLong(reference);
            return mailboxes.mailboxes(account.id()).stream().filter(m -> m.id() == id).findFirst()
                    .orElseThrow(() -> new MailboxNotFoundException(reference));
        }
        return mailboxes.require(account.id(), MailboxNameRules.canonical(reference));
    }
}
