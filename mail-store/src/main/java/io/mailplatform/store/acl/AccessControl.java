package io.mailplatform.store.acl;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import io.mailplatform.store.mailbox.MailboxRefusedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reading and changing a mailbox's ACL (RFC 4314 §3.1 to §3.3), for an account with the
 * {@code a} right on it. Identifiers are account addresses and "anyone"; negative rights
 * ("-identifier") and groups are not supported and refused with {@link Reason#CANNOT}. The owner's
 * own entry is shown with every right and cannot be changed (the owner cannot lock itself out). A
 * public mailbox ("Shared Folders") has no owner: its ACL is all there is.
 */
@Service
public class AccessControl {
    /** How SETACL applies its rights (RFC 4314 §3.1: a leading "+" adds, "-" removes, none replaces). */
    public enum Mode {
        REPLACE, ADD, REMOVE
    }

    private final MailboxAccess access;
    private final MailboxAcl acl;
    private final DirectoryService directory;
    private final MailboxEventPublisher events;

    public AccessControl(MailboxAccess access, MailboxAcl acl, DirectoryService directory, MailboxEventPublisher events) {
        this.access = access;
        this.acl = acl;
        this.directory = directory;
        this.events = events;
    }

    /** GETACL: the owner (if any) with every right, then the stored entries. */
    public List<AclEntry> acl(Account account, String name) {
        AccessibleMailbox mailbox = access.require(account, name, Right.ADMINISTER);
        List<AclEntry> entries = new ArrayList<>();
        owner(account, mailbox).ifPresent(owner -> entries.add(new AclEntry(owner.address(), Rights.ALL)));
        entries.addAll(acl.entries(mailbox.mailbox()));
        return entries;
    }

    /** SETACL; returns the identifier's new rights. */
    public Rights set(Account account, String name, String identifier, Mode mode, Rights rights) {
        AccessibleMailbox mailbox = access.require(account, name, Right.ADMINISTER);
        Long grantee = grantee(owner(account, mailbox), identifier);
        Rights current = acl.entry(mailbox.mailbox(), grantee);
        Rights next = switch (mode) {
            case REPLACE -> rights;
            case ADD -> current.plus(rights);
            case REMOVE -> current.minus(rights);
        };
        acl.set(mailbox.mailbox(), grantee, next);
        changed(mailbox.mailbox());
        return next;
    }

    /** DELETEACL. */
    public void delete(Account account, String name, String identifier) {
        AccessibleMailbox mailbox = access.require(account, name, Right.ADMINISTER);
        acl.delete(mailbox.mailbox(), grantee(owner(account, mailbox), identifier));
        changed(mailbox.mailbox());
    }

    /**
     * Tells sessions that have the mailbox selected, on every instance, to read their rights again:
     * after every change of an ACL, SETACL's and DELETEACL's as the operators' ({@link PublicFolders}).
     * Public: the bean is proxied, and only public methods reach its target.
     */
    public void changed(Mailbox mailbox) {
        events.publish(new MailboxEvent(MailboxEvent.Type.ACL_CHANGED, mailbox.accountId(), mailbox.id(), mailbox.name(),
                mailbox.highestModSeq(), List.of(), EventOrigin.ID));
    }

    /** Whether an identifier names the mailbox's owner, whose rights are fixed (LISTRIGHTS). */
    public boolean isOwner(Account account, String name, String identifier) {
        AccessibleMailbox mailbox = access.require(account, name, Right.ADMINISTER);
        return owner(account, mailbox).filter(owner -> identifier.equalsIgnoreCase(owner.address())).isPresent();
    }

    /** The mailbox's owner; none for a public mailbox. */
    private Optional<Account> owner(Account account, AccessibleMailbox mailbox) {
        if (mailbox.own()) {
            return Optional.of(account);
        }
        return access.locate(account, mailbox.name()).map(MailboxAccess.Location::owner)
                .filter(owner -> !PublicFolderHolder.isHolder(owner));
    }

    /**
     * The account id an identifier grants to, or null for "anyone" (also for the admin API's ACLs
     * of public mailboxes, which have no owner).
     *
     * @throws MailboxRefusedException with CANNOT for negative rights, an unknown identifier or the owner
     */
    public Long grantee(Optional<Account> owner, String identifier) {
        if (identifier.equals(MailboxAcl.ANYONE)) {
            return null;
        }
        if (identifier.startsWith("-")) {
            throw new MailboxRefusedException(Reason.CANNOT, "Negative rights are not supported");
        }
        Account grantee = directory.findAccount(identifier)
                .orElseThrow(() -> new MailboxRefusedException(Reason.CANNOT, "No such identifier"));
        if (owner.filter(o -> o.id() == grantee.id()).isPresent()) {
            throw new MailboxRefusedException(Reason.CANNOT, "The owner always has every right");
        }
        return grantee.id();
    }
}
