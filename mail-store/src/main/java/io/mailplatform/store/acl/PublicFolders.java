package io.mailplatform.store.acl;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxHierarchy;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator's side of the public mailboxes of the RFC 2342 "Shared Folders" namespace (the admin
 * API): create one with its initial ACL, replace the ACL, delete one. They are platform-wide, seen by
 * every account their ACL lets see them; accounts with the {@code a} right manage them over IMAP as
 * any shared mailbox ({@link AccessControl}, {@link SharedHierarchy}). Names here are the holder's,
 * without the "Shared Folders/" prefix.
 */
@Service
public class PublicFolders {
    /**
     * A public mailbox.
     *
     * @param name its name below the namespace ("News/Sport")
     * @param imapName the name accounts use ("Shared Folders/News/Sport")
     * @param acl its entries, "anyone" first
     */
    public record PublicFolder(String name, String imapName, List<AclEntry> acl) {
    }

    private final PublicFolderHolder holder;
    private final MailboxService mailboxes;
    private final MailboxHierarchy hierarchy;
    private final MailboxAcl acl;
    private final AccessControl accessControl;
    private final TransactionTemplate transactions;

    public PublicFolders(PublicFolderHolder holder, MailboxService mailboxes, MailboxHierarchy hierarchy, MailboxAcl acl,
            AccessControl accessControl, TransactionTemplate transactions) {
        this.holder = holder;
        this.mailboxes = mailboxes;
        this.hierarchy = hierarchy;
        this.acl = acl;
        this.accessControl = accessControl;
        this.transactions = transactions;
    }

    public List<PublicFolder> list() {
        return holder.find().map(h -> mailboxes.mailboxes(h.id()).stream().map(this::view).toList()).orElse(List.of());
    }

    public Optional<PublicFolder> find(String name) {
        return mailbox(name).map(this::view);
    }

    /**
     * Creates a public mailbox (and missing superiors, which get no ACL) with its initial ACL.
     *
     * @param rights identifier ("anyone" or an account address) to RFC 4314 rights letters
     * @throws IllegalArgumentException for an unknown right letter
     * @throws io.mailplatform.store.mailbox.MailboxRefusedException for a name that cannot be created or an unknown identifier
     * @throws io.mailplatform.store.mailbox.MailboxExistsException when it exists
     */
    public PublicFolder create(String name, Map<String, String> rights) {
        Map<Long, Rights> entries = entries(rights); // refused before anything is created
        Mailbox created = hierarchy.create(holder.findOrCreate().id(), canonical(name));
        transactions.executeWithoutResult(status -> entries.forEach((grantee, granted) -> acl.set(created, grantee, granted)));
        return view(created);
    }

    /** Replaces the whole ACL of a public mailbox. */
    public PublicFolder replaceAcl(String name, Map<String, String> rights) {
        Map<Long, Rights> entries = entries(rights);
        Mailbox mailbox = require(name);
        transactions.executeWithoutResult(status -> {
            acl.clear(mailbox);
            entries.forEach((grantee, granted) -> acl.set(mailbox, grantee, granted));
        });
        // a grantee idling in the mailbox hears of a lost r at once, as after SETACL
        accessControl.changed(mailbox);
        return view(mailbox);
    }

    /** Deletes a public mailbox and its messages; its inferiors stay (RFC 9051 §6.3.5). */
    public void delete(String name) {
        Account publicHolder = holder.find().orElseThrow(() -> new MailboxNotFoundException(name));
        hierarchy.delete(publicHolder.id(), canonical(name));
    }

    private Optional<Mailbox> mailbox(String name) {
        return holder.find().flatMap(h -> mailboxes.find(h.id(), canonical(name)));
    }

    private Mailbox require(String name) {
        return mailbox(name).orElseThrow(() -> new MailboxNotFoundException(name));
    }

    /** The grantee ids ("anyone" is null) and rights; a public mailbox has no owner to refuse. */
    private Map<Long, Rights> entries(Map<String, String> rights) {
        Map<Long, Rights> entries = new LinkedHashMap<>();
        rights.forEach((identifier, letters) -> entries.put(accessControl.grantee(Optional.empty(), identifier),
                Rights.parse(letters)));
        return entries;
    }

    private PublicFolder view(Mailbox mailbox) {
        return new PublicFolder(mailbox.name(), MailboxAccess.publicName(mailbox.name()), acl.entries(mailbox));
    }

    private static String canonical(String name) {
        return MailboxNameRules.withoutTrailingDelimiter(MailboxNameRules.canonical(name));
    }
}
