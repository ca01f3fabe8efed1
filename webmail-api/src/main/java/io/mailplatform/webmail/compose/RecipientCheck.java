package io.mailplatform.webmail.compose;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.RecipientLookup;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What SMTP submission refuses at RCPT, refused before a webmail message is sent, so the user hears it
 * at once instead of in a bounce: an unknown user of a local domain (550 5.1.1 there, 400 here) and a
 * members-only list the sender is not a member of (550 5.7.1 there, 403 here). Other domains are
 * relayed, as for any authenticated sender.
 */
@Component
public class RecipientCheck {
    private final DirectoryService directory;

    public RecipientCheck(DirectoryService directory) {
        this.directory = directory;
    }

    public void require(Account account, ComposedMessage message) {
        List<String> senders = List.of(message.from().normalized(), account.address().toLowerCase(Locale.ROOT));
        for (MailboxAddress recipient : message.recipients()) {
            RecipientLookup found = directory.lookUpRecipient(recipient);
            if (found.kind() == RecipientLookup.Kind.UNKNOWN) {
                throw new CompositionException("recipients", "No such user here: " + recipient);
            }
            if (found.kind() == RecipientLookup.Kind.MEMBERS_ONLY_LIST && !directory.isListMember(found.list(), senders)) {
                throw new RecipientRefusedException(recipient.toString());
            }
        }
    }
}
