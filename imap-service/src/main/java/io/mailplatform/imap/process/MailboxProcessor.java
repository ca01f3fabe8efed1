package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageIndex;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE and NAMESPACE (RFC 9051 §6.3.4 to §6.3.8,
 * §6.3.10): one personal namespace, "/" as the hierarchy delimiter. Deleting the selected mailbox
 * leaves the selected state (untagged OK [CLOSED]) and keeps the connection.
 */
@Component
public class MailboxProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final MailboxAdmin admin;
    private final MessageIndex index;

    public MailboxProcessor(MailboxService mailboxes, MailboxAdmin admin, MessageIndex index) {
        this.mailboxes = mailboxes;
        this.admin = admin;
        this.index = index;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Create.class, (command, session, out) -> {
            String name = MailboxNames.withoutTrailingDelimiter(MailboxNames.fromClient(command.mailbox(), session.rev2()));
            if (name.equals(Mailbox.INBOX)) {
                throw new ImapNoException(ResponseCode.ALREADYEXISTS, "INBOX always exists");
            }
            MailboxNames.checkCreatable(name);
            admin.create(session.account().id(), name);
            return new Outcome.Done(Status.ok(command.tag(), "CREATE completed"));
        });
        handlers.on(MailboxCommands.Delete.class, (command, session, out) -> {
            long account = session.account().id();
            String name = MailboxNames.fromClient(command.mailbox(), session.rev2());
            if (name.equals(Mailbox.INBOX)) {
                throw new ImapNoException(ResponseCode.CANNOT, "INBOX cannot be deleted");
            }
            Mailbox mailbox = mailboxes.find(account, name).orElseThrow(() -> admin.hasInferiors(account, name)
                    // RFC 9051 §6.3.5: a \Noselect name with inferiors cannot be deleted
                    ? new ImapNoException(ResponseCode.HASCHILDREN, "Name has inferior hierarchical names")
                    : new ImapNoException(ResponseCode.NONEXISTENT, "No such mailbox"));
            // inferiors stay; the name lives on as a \Noselect level of hierarchy
            admin.delete(mailbox);
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
            long account = session.account().id();
            String from = MailboxNames.fromClient(command.from(), session.rev2());
            String to = MailboxNames.withoutTrailingDelimiter(MailboxNames.fromClient(command.to(), session.rev2()));
            if (to.equals(Mailbox.INBOX)) {
                throw new ImapNoException(ResponseCode.ALREADYEXISTS, "INBOX always exists");
            }
            MailboxNames.checkCreatable(to);
            Mailbox mailbox = mailboxes.require(account, from);
            if (from.equals(Mailbox.INBOX)) {
                renameInbox(mailbox, account, to);
            } else {
                if (MailboxNames.isSelfOrInferior(to, from)) {
                    throw new ImapNoException(ResponseCode.CANNOT, "A mailbox cannot be moved below itself");
                }
                admin.rename(mailbox, to);
            }
            return new Outcome.Done(Status.ok(command.tag(), "RENAME completed"));
        });
        handlers.on(MailboxCommands.Subscribe.class, (command, session, out) -> {
            String name = MailboxNames.fromClient(command.mailbox(), session.rev2());
            MailboxNames.checkLength(name);
            admin.subscribe(session.account().id(), name);
            return new Outcome.Done(Status.ok(command.tag(), "SUBSCRIBE completed"));
        });
        handlers.on(MailboxCommands.Unsubscribe.class, (command, session, out) -> {
            admin.unsubscribe(session.account().id(), MailboxNames.fromClient(command.mailbox(), session.rev2()));
            return new Outcome.Done(Status.ok(command.tag(), "UNSUBSCRIBE completed"));
        });
        handlers.on(MailboxCommands.Namespace.class, (command, session, out) -> {
            out.untagged(new ImapResponse.Namespace());
            return new Outcome.Done(Status.ok(command.tag(), "NAMESPACE completed"));
        });
    }

    /**
     * RENAME INBOX (RFC 9051 §6.3.6): a new mailbox of the new name gets all of INBOX's messages;
     * INBOX stays, empty, and its inferiors are unaffected. Sessions on INBOX see the messages expunged.
     */
    private void renameInbox(Mailbox inbox, long account, String to) {
        Mailbox target = admin.create(account, to);
        long[] uids = index.snapshot(inbox).map(MessageIndex.Snapshot::uids).orElse(new long[0]);
        if (uids.length > 0) {
            List<Long> all = Arrays.stream(uids).boxed().toList();
            mailboxes.move(inbox, all, target);
        }
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("NAMESPACE");
    }
}
