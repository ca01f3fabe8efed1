package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MetadataCommands;
import io.mailplatform.imap.config.MetadataProperties;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.metadata.EntryNames;
import io.mailplatform.imap.metadata.MetadataSelection;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.MailboxMetadata;
import io.mailplatform.store.mailbox.MetadataEntry;
import io.mailplatform.store.mailbox.MetadataLimitException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * GETMETADATA and SETMETADATA (RFC 5464): server entries (mailbox "") and mailbox entries, private
 * and shared, of the logged-in account. The server's shared entries ({@code /shared/admin},
 * {@code /shared/comment}) come from the configuration and are read-only; every other entry is kept
 * in the store with the size and count limits of {@link MetadataProperties}.
 *
 * <p>Mailboxes other accounts share are reached too (RFC 5464 §3.2 with ACL): reading or writing
 * their entries, private or shared, needs the {@code l} right and one of {@code r s w i p}. Their
 * {@code /shared/} entries are the owner's, seen by everyone with access; {@code /private/} ones are
 * the reader's own ({@link MailboxMetadata}).
 */
@Component
public class MetadataProcessor implements CommandProcessor {
    static final String ADMIN = "/shared/admin";
    static final String COMMENT = "/shared/comment";

    /** RFC 5464 §3.2: with {@code l}, any one of these lets an account read and write a mailbox's entries. */
    private static final Set<Right> ANY_OF = Set.of(Right.READ, Right.SEEN, Right.WRITE, Right.INSERT, Right.POST);

    private final MailboxAccess access;
    private final MailboxMetadata metadata;
    private final MetadataProperties properties;

    public MetadataProcessor(MailboxAccess access, MailboxMetadata metadata, MetadataProperties properties) {
        this.access = access;
        this.metadata = metadata;
        this.properties = properties;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MetadataCommands.GetMetadata.class, (command, session, out) -> {
            List<String> requested = command.entries().stream().map(name -> EntryNames.canonical(name, false)).toList();
            AccessibleMailbox mailbox = mailbox(command.mailbox(), session);
            List<MetadataEntry> existing = new ArrayList<>(metadata.entries(session.account().id(),
                    mailbox == null ? null : mailbox.mailbox()));
            if (mailbox == null) {
                existing.addAll(serverSharedEntries());
            }
            MetadataSelection selection = MetadataSelection.of(existing, requested, command.depth(), command.maxSize());
            if (!selection.entries().isEmpty()) {
                out.untagged(new ImapResponse.Metadata(mailbox == null ? null : mailbox.name(), selection.entries()));
            }
            ResponseCode code = selection.longEntries() < 0 ? null : code("LONGENTRIES " + selection.longEntries());
            return new Outcome.Done(Status.ok(command.tag(), code, "GETMETADATA completed"));
        });
        handlers.on(MetadataCommands.SetMetadata.class, (command, session, out) -> {
            Map<String, MetadataEntry> changes = new LinkedHashMap<>();
            for (MetadataCommands.EntryValue value : command.values()) {
                String name = EntryNames.canonical(value.entry(), true);
                changes.put(name, new MetadataEntry(name, value.value()));
            }
            AccessibleMailbox mailbox = mailbox(command.mailbox(), session);
            long maxSize = properties.maxValueSize().toBytes();
            for (MetadataEntry change : changes.values()) {
                if (mailbox == null && EntryNames.isShared(change.name())) {
                    throw new ImapNoException(ResponseCode.NOPERM, "The server's shared entries are set by the operator");
                }
                if (change.value() != null && change.value().length > maxSize) {
                    throw new ImapNoException(code("MAXSIZE " + maxSize), "Value larger than " + maxSize + " octets");
                }
            }
            try {
                metadata.set(session.account().id(), mailbox == null ? null : mailbox.mailbox(), List.copyOf(changes.values()), properties.maxEntries());
            } catch (MetadataLimitException e) {
                throw new ImapNoException(code("TOOMANY"), "At most " + e.max() + " entries per account");
            }
            return new Outcome.Done(Status.ok(command.tag(), "SETMETADATA completed"));
        });
    }

    /**
     * The mailbox a command names, or null for the server (""); another account's needs {@code l} and
     * one of {@code r s w i p} (RFC 5464 §3.2), else NO [NOPERM] (NO [NONEXISTENT] without any right).
     */
    private AccessibleMailbox mailbox(String name, SessionContext session) {
        if (name.isEmpty()) {
            return null;
        }
        AccessibleMailbox mailbox = access.require(session.account(), MailboxNames.fromClient(name, session.rev2()),
                Right.LOOKUP);
        if (ANY_OF.stream().noneMatch(mailbox.rights()::has)) {
            throw new ImapNoException(ResponseCode.NOPERM, "Permission denied: one of the 'r', 's', 'w', 'i' or 'p' "
                    + "rights is needed");
        }
        return mailbox;
    }

    private List<MetadataEntry> serverSharedEntries() {
        List<MetadataEntry> entries = new ArrayList<>();
        if (properties.admin() != null) {
            entries.add(new MetadataEntry(ADMIN, properties.admin().getBytes(StandardCharsets.UTF_8)));
        }
        if (properties.comment() != null) {
            entries.add(new MetadataEntry(COMMENT, properties.comment().getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    /** A METADATA response code (RFC 5464 §4.3, §5: LONGENTRIES, MAXSIZE, TOOMANY, NOPRIVATE). */
    private static ResponseCode code(String detail) {
        return new ResponseCode("METADATA", detail);
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        // METADATA means server and mailbox entries; METADATA-SERVER too, for clients that look for
        // server entries only by that name (RFC 5464 §1)
        capabilities.add("METADATA");
        capabilities.add("METADATA-SERVER");
    }
}
