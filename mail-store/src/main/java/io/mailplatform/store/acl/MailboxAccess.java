package io.mailplatform.store.acl;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * How an account reaches mailboxes, its own, those other accounts share with it and the public ones
 * (RFC 4314 ACLs in the RFC 2342 "Other Users" and "Shared Folders" namespaces): name look-ups with
 * the account's rights, and the check of a right, for every protocol that lets an account reach a
 * mailbox not its own.
 *
 * <p>Another account's mailbox is named {@code Other Users/<owner address>/<owner's name>}, a public
 * one {@code Shared Folders/<name>} (its owner is the {@link PublicFolderHolder}, which is no user and
 * has no rights of its own: the ACL alone says who may do what). A
 * mailbox on which the account has no right at all is reported exactly like a missing one, so
 * names never leak (RFC 4314 §6); one it can see but lacks the right for is a
 * {@link MailboxPermissionException}. An owner has every right on its own mailboxes, whatever the
 * ACL says: it cannot lock itself out.
 */
@Service
public class MailboxAccess {
    /** The RFC 2342 "Other Users" namespace prefix, without its delimiter. */
    public static final String OTHER_USERS = MailboxNameRules.OTHER_USERS;
    private static final String OTHER_USERS_PREFIX = OTHER_USERS + Mailbox.DELIMITER;
    /** The RFC 2342 "Shared Folders" namespace prefix, without its delimiter. */
    public static final String SHARED_FOLDERS = MailboxNameRules.SHARED_FOLDERS;
    private static final String SHARED_FOLDERS_PREFIX = SHARED_FOLDERS + Mailbox.DELIMITER;

    private final MailboxService mailboxes;
    private final MailboxAcl acl;
    private final DirectoryService directory;
    private final PublicFolderHolder holder;

    public MailboxAccess(MailboxService mailboxes, MailboxAcl acl, DirectoryService directory, PublicFolderHolder holder) {
        this.mailboxes = mailboxes;
        this.acl = acl;
        this.directory = directory;
        this.holder = holder;
    }

    /**
     * Where a name points: the owner and the owner's name for the mailbox.
     *
     * @param owner the owning account
     * @param name the owner's name (may not exist)
     */
    public record Location(Account owner, String name) {
    }

    /**
     * The owner and owner's name of a name the account uses; empty for the levels of the "Other
     * Users" and "Shared Folders" namespaces themselves, for an owner that does not exist and when
     * there never was a public mailbox.
     */
    public Optional<Location> locate(Account account, String name) {
        if (MailboxNameRules.inSharedFolders(name)) {
            String publicName = name.substring(Math.min(name.length(), SHARED_FOLDERS_PREFIX.length()));
            return publicName.isEmpty() ? Optional.empty()
                    : holder.find().map(publicHolder -> new Location(publicHolder, publicName));
        }
        if (!MailboxNameRules.inOtherUsers(name)) {
            return Optional.of(new Location(account, name));
        }
        String rest = name.substring(Math.min(name.length(), OTHER_USERS_PREFIX.length()));
        int slash = rest.indexOf(Mailbox.DELIMITER);
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        String ownerName = rest.substring(slash + 1);
        return directory.findAccount(rest.substring(0, slash))
                .map(owner -> new Location(owner, ownerName));
    }

    /** The name an account uses for a mailbox owned by {@code owner}. */
    public static String nameFor(Account account, Account owner, String ownerName) {
        if (owner.id() == account.id()) {
            return ownerName;
        }
        return PublicFolderHolder.isHolder(owner) ? publicName(ownerName) : sharedName(owner.address(), ownerName);
    }

    private static String sharedName(String ownerAddress, String ownerName) {
        return OTHER_USERS_PREFIX + ownerAddress + Mailbox.DELIMITER + ownerName;
    }

    /** The name every account uses for a public mailbox of this (holder's) name. */
    public static String publicName(String holderName) {
        return SHARED_FOLDERS_PREFIX + holderName;
    }

    /** The mailbox a name points to, if the account has any right on it. */
    public Optional<AccessibleMailbox> find(Account account, String name) {
        return locate(account, name).flatMap(location -> mailboxes.find(location.owner().id(), location.name())
                .map(mailbox -> new AccessibleMailbox(mailbox, nameFor(account, location.owner(), mailbox.name()),
                        rights(account, mailbox), location.owner().id() == account.id()))
                .filter(found -> !found.rights().isEmpty()));
    }

    /**
     * The mailbox a name points to, when the account has every one of the rights.
     *
     * @throws MailboxNotFoundException when it does not exist or the account has no right on it
     * @throws MailboxPermissionException when a right is missing
     */
    public AccessibleMailbox require(Account account, String name, Right... needed) {
        AccessibleMailbox found = find(account, name).orElseThrow(() -> new MailboxNotFoundException(name));
        check(found.rights(), needed);
        return found;
    }

    /** Throws {@link MailboxPermissionException} for the first of the rights the set lacks. */
    public static void check(Rights rights, Right... needed) {
        for (Right right : needed) {
            if (!rights.has(right)) {
                throw new MailboxPermissionException(right, "Permission denied: the '" + right.letter()
                        + "' right is needed");
            }
        }
    }

    /** The account's rights on a mailbox now: all on its own, the ACL's on another's. */
    public Rights rights(Account account, Mailbox mailbox) {
        return mailbox.accountId() == account.id() ? Rights.ALL : acl.rightsOf(mailbox.id(), account.id());
    }

    /** The account's own mailboxes and every other mailbox, shared or public, it may see (the {@code l} right), by name. */
    public List<AccessibleMailbox> visible(Account account) {
        List<AccessibleMailbox> visible = new ArrayList<>();
        MailboxAcl.Visible found = acl.visibleTo(account.id());
        for (Mailbox mailbox : found.own()) {
            visible.add(new AccessibleMailbox(mailbox, mailbox.name(), Rights.ALL, true));
        }
        for (MailboxAcl.Grant grant : found.shared()) {
            if (grant.rights().has(Right.LOOKUP)) {
                String name = grant.publicFolder() ? publicName(grant.mailbox().name())
                        : sharedName(grant.ownerAddress(), grant.mailbox().name());
                visible.add(new AccessibleMailbox(grant.mailbox(), name, grant.rights(), false));
            }
        }
        return visible;
    }
}
