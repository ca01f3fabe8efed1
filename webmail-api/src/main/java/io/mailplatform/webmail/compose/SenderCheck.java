package io.mailplatform.webmail.compose;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.PermittedSenders;
import io.mailplatform.store.directory.SenderIdentities;
import io.mailplatform.store.directory.Subaddressing;
import org.springframework.stereotype.Component;

/**
 * The rule SMTP submission applies at MAIL FROM (RFC 6409 §6.1), applied to the From of a webmail
 * message: the account's own address (with any subaddress tag), the aliases that point at it, and what
 * {@code mail.webmail.send.permitted-senders} grants.
 */
@Component
public class SenderCheck {
    private final DirectoryService directory;
    private final Subaddressing subaddressing;
    private final PermittedSenders permitted;

    public SenderCheck(DirectoryService directory, Subaddressing subaddressing, SendProperties properties) {
        this.directory = directory;
        this.subaddressing = subaddressing;
        this.permitted = PermittedSenders.parse("mail.webmail.send.permitted-senders", properties.permittedSenders());
    }

    /** @throws SenderNotPermittedException when the account may not use this address */
    public void require(Account account, MailboxAddress from) {
        SenderIdentities identities = SenderIdentities.of(account.address(), directory.aliasesOf(account.address()),
                permitted, subaddressing);
        if (!identities.owns(from)) {
            throw new SenderNotPermittedException(from.toString());
        }
    }
}
