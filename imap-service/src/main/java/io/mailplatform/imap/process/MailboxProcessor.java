package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.SharedHierarchy;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxHierarchy;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE and NAMESPACE (RFC 9051 §6.3.4 to §6.3.8,
 * §6.3.10): the personal namespace, the RFC 2342 "Other Users/" namespace of mailboxes other
 * accounts share and the "Shared Folders/" namespace of public mailboxes (RFC 4314 rights,
 * {@link SharedHierarchy}), "/" as the hierarchy delimiter; the
 * rules are the store's ({@link MailboxHierarchy}), shared with the webmail. Deleting the selected mailbox
 * leaves the selected state (untagged OK [CLOSED]) and keeps the connection.
 */
@Component
public class MailboxProcessor implements CommandProcessor {
    private final MailboxHierarchy hierarchy;
    private final SharedHierarchy shared;
    private final StatusReport status;

    public MailboxProcessor(MailboxHierarchy hierarchy, SharedHierarchy shared, StatusReport status) {
        this.hierarchy = hierarchy;
        this.shared = shared;
        this.status = status;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Create.class, (command, session, out) -> {
            Mailbox created = shared.create(session.account(), MailboxNames.fromClient(command.mailbox(), session.utf8()));
            // RFC 8474 §4.1: the new mailbox's id in the tagged OK
            return new Outcome.Done(Status.ok(command.tag(), ResponseCode.mailboxId(status.mailboxId(created)),
                    "CREATE completed"));
        });
        handlers.on(MailboxCommands.Delete.class, (command, session, out) -> {
            Mailbox mailbox = shared.delete(session.account(), MailboxNames.fromClient(command.mailbox(), session.utf8()));
            SelectedMailbox selected = session.selected();
            if (selected != null && selected.mailbox().id() == mailbox.id()) {
                // The client deleted the mailbox it has selected: the DELETE succeeds and the session
                // goes back to the authenticated state, said with CLOSED (RFC 9051 §7.1: the responses
                // after it no longer concern that mailbox). Other sessions that have it selected get a
                // BYE with their next command instead, one of the choices RFC 2180 §3 describes.
                session.deselect();
                out.untagged(Status.ok(null, ResponseCode.CLOSED, "The deleted mailbox is no longer selected"));
            }
            return new Outcome.Done(Status.ok(command.tag(), "DELETE completed"));
        });
        handlers.on(MailboxCommands.Rename.class, (command, session, out) -> {
            shared.rename(session.account(), MailboxNames.fromClient(command.from(), session.utf8()),
                    MailboxNames.fromClient(command.to(), session.utf8()));
            return new Outcome.Done(Status.ok(command.tag(), "RENAME completed"));
        });
        handlers.on(MailboxCommands.Subscribe.class, (command, session, out) -> {
            hierarchy.subscribe(session.account().id(), MailboxNames.fromClient(command.mailbox(), session.utf8()));
            return new Outcome.Done(Status.ok(command.tag(), "SUBSCRIBE completed"));
        });
        handlers.on(MailboxCommands.Unsubscribe.class, (command, session, out) -> {
            hierarchy.unsubscribe(session.account().id(), MailboxNames.fromClient(command.mailbox(), session.utf8()));
            return new Outcome.Done(Status.ok(command.tag(), "UNSUBSCRIBE completed"));
        });
        handlers.on(MailboxCommands.Namespace.class, (command, session, out) -> {
            out.untagged(new ImapResponse.Namespace(MailboxAccess.OTHER_USERS + MailboxNames.DELIMITER,
                    MailboxAccess.SHARED_FOLDERS + MailboxNames.DELIMITER));
            return new Outcome.Done(Status.ok(command.tag(), "NAMESPACE completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("NAMESPACE");
    }
}
