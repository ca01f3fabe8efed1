package io.mailplatform.store.acl;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxHierarchy;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import io.mailplatform.store.mailbox.MailboxRefusedException.Reason;
import org.springframework.stereotype.Service;

/**
 * CREATE, DELETE and RENAME by names an account uses ({@link MailboxAccess}): its own mailboxes
 * as {@link MailboxHierarchy} does them, another account's or a public one with the rights RFC 4314
 * §4 asks for: {@code k} on the parent to create below it, {@code x} on a mailbox to delete it,
 * both to rename (within one owner's mailboxes, or within the public ones). The levels of the
 * "Other Users" and "Shared Folders" namespaces are no mailboxes: a public mailbox at the top
 * level is the operator's to create (admin API, {@link PublicFolders}).
 */
@Service
public class SharedHierarchy {
    private final MailboxHierarchy hierarchy;
    private final MailboxAccess access;
    private final MailboxAcl acl;

    public SharedHierarchy(MailboxHierarchy hierarchy, MailboxAccess access, MailboxAcl acl) {
        this.hierarchy = hierarchy;
        this.access = access;
        this.acl = acl;
    }

    public Mailbox create(Account account, String name) {
        String target = MailboxNameRules.withoutTrailingDelimiter(name);
        MailboxAccess.Location location = creatable(account, target);
        Mailbox created = hierarchy.create(location.owner().id(), location.name());
        if (location.owner().id() != account.id()) {
            // RFC 4314 §4: the new mailbox inherits its parent's ACL, so the creator (and everyone
            // else) keeps the rights it had there; a public mailbox has no owner who would see it otherwise
            access.find(account, parentName(target, location)).ifPresent(parent -> acl.inherit(parent.mailbox(), created));
        }
        return created;
    }

    /** @return the deleted mailbox */
    public Mailbox delete(Account account, String name) {
        MailboxAccess.Location location = access.locate(account, name)
                .orElseThrow(() -> new MailboxNotFoundException(name));
        if (location.owner().id() != account.id()) {
            access.require(account, name, Right.DELETE_MAILBOX);
        }
        return hierarchy.delete(location.owner().id(), location.name());
    }

    public void rename(Account account, String from, String to) {
        MailboxAccess.Location source = access.locate(account, from)
                .orElseThrow(() -> new MailboxNotFoundException(from));
        if (source.owner().id() != account.id()) {
            access.require(account, from, Right.DELETE_MAILBOX);
        }
        MailboxAccess.Location target = creatable(account, MailboxNameRules.withoutTrailingDelimiter(to));
        if (target.owner().id() != source.owner().id()) {
            throw new MailboxRefusedException(Reason.CANNOT, "A mailbox cannot move to another account");
        }
        hierarchy.rename(source.owner().id(), source.name(), target.name());
    }

    /** Where a new mailbox of this name would go, if the account may create it there. */
    private MailboxAccess.Location creatable(Account account, String name) {
        MailboxAccess.Location location = access.locate(account, name).orElseThrow(() -> new MailboxPermissionException(
                Right.CREATE_MAILBOX, "Mailboxes are created in your own or in a shared mailbox"));
        if (location.owner().id() == account.id()) {
            return location;
        }
        // the parent must be a mailbox the account may create in; a missing or hidden one says the same
        boolean allowed = location.name().lastIndexOf(Mailbox.DELIMITER) > 0 && access.find(account, parentName(name, location))
                .filter(parent -> parent.rights().has(Right.CREATE_MAILBOX)).isPresent();
        if (!allowed) {
            throw new MailboxPermissionException(Right.CREATE_MAILBOX,
                    "Permission denied: the 'k' right on the parent mailbox is needed");
        }
        return location;
    }

    /** The name the account uses for the parent of a name in another owner's mailboxes (one level up). */
    private static String parentName(String name, MailboxAccess.Location location) {
        int slash = location.name().lastIndexOf(Mailbox.DELIMITER);
        return name.substring(0, name.length() - (location.name().length() - slash));
    }
}
