package io.mailplatform.store.mailbox;

import io.mailplatform.store.mailbox.MailboxRefusedException.Reason;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE with the rules of RFC 9051 §6.3.4 to §6.3.8,
 * for every protocol (IMAP and the webmail): names arrive decoded and {@link MailboxNameRules#canonical
 * canonical}; refusals are {@link MailboxRefusedException}, {@link MailboxNotFoundException},
 * {@link MailboxExistsException} or {@link AccountLimitException}.
 */
@Service
public class MailboxHierarchy {
    private final MailboxService mailboxes;
    private final MailboxAdmin admin;
    private final MessageIndex index;

    public MailboxHierarchy(MailboxService mailboxes, MailboxAdmin admin, MessageIndex index) {
        this.mailboxes = mailboxes;
        this.admin = admin;
        this.index = index;
    }

    /** Creates a mailbox (and missing superiors); a trailing delimiter is ignored. */
    public Mailbox create(long accountId, String name) {
        String target = MailboxNameRules.withoutTrailingDelimiter(name);
        if (target.equals(Mailbox.INBOX)) {
            throw new MailboxRefusedException(Reason.ALREADYEXISTS, "INBOX always exists");
        }
        MailboxNameRules.checkCreatable(target);
        return admin.create(accountId, target);
    }

    /**
     * Deletes a mailbox and its messages; its inferiors stay, the name living on as a level of
     * hierarchy (RFC 9051 §6.3.5).
     *
     * @return the deleted mailbox
     */
    public Mailbox delete(long accountId, String name) {
        if (name.equals(Mailbox.INBOX)) {
            throw new MailboxRefusedException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        Mailbox mailbox = mailboxes.find(accountId, name).orElseThrow(() -> admin.hasInferiors(accountId, name)
                // RFC 9051 §6.3.5: a \Noselect name with inferiors cannot be deleted
                ? new MailboxRefusedException(Reason.HASCHILDREN, "Name has inferior hierarchical names")
                : new MailboxNotFoundException(name));
        admin.delete(mailbox);
        return mailbox;
    }

    /**
     * Renames a mailbox and its inferiors; renaming INBOX moves its messages to a new mailbox of
     * the new name and leaves INBOX empty (RFC 9051 §6.3.6).
     */
    public void rename(long accountId, String from, String to) {
        String target = MailboxNameRules.withoutTrailingDelimiter(to);
        if (target.equals(Mailbox.INBOX)) {
            throw new MailboxRefusedException(Reason.ALREADYEXISTS, "INBOX always exists");
        }
        MailboxNameRules.checkCreatable(target);
        Mailbox mailbox = mailboxes.require(accountId, from);
        if (from.equals(Mailbox.INBOX)) {
            renameInbox(mailbox, accountId, target);
            return;
        }
        if (MailboxNameRules.isSelfOrInferior(target, from)) {
            throw new MailboxRefusedException(Reason.CANNOT, "A mailbox cannot be moved below itself");
        }
        admin.rename(mailbox, target);
    }

    public void subscribe(long accountId, String name) {
        MailboxNameRules.checkLength(name);
        admin.subscribe(accountId, name);
    }

    public void unsubscribe(long accountId, String name) {
        admin.unsubscribe(accountId, name);
    }

    /** Sessions on INBOX see the moved messages expunged. */
    private void renameInbox(Mailbox inbox, long accountId, String to) {
        Mailbox target = admin.create(accountId, to);
        long[] uids = index.snapshot(inbox).map(MessageIndex.Snapshot::uids).orElse(new long[0]);
        if (uids.length > 0) {
            List<Long> all = Arrays.stream(uids).boxed().toList();
            mailboxes.move(inbox, all, target);
        }
    }
}
