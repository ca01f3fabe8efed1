package io.mailplatform.imap.process;

import io.mailplatform.imap.command.AclCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessControl;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.acl.Rights;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * SETACL, DELETEACL, GETACL, LISTRIGHTS and MYRIGHTS (RFC 4314 §3), on the account's own mailboxes
 * and on those shared with it in "Other Users/" ({@link MailboxAccess}); all but MYRIGHTS need the
 * {@code a} right. Identifiers are account addresses and "anyone".
 */
@Component
public class AclProcessor implements CommandProcessor {
    /** RFC 4314 §2.1: rights a grantee may get, each on its own (none is tied to another here). */
    private static final List<String> GRANTABLE = Rights.ALL.set().stream().map(r -> String.valueOf(r.letter())).toList();

    private final MailboxAccess access;
    private final AccessControl control;

    public AclProcessor(MailboxAccess access, AccessControl control) {
        this.access = access;
        this.control = control;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(AclCommands.SetAcl.class, (command, session, out) -> {
            String rights = command.rights();
            AccessControl.Mode mode = AccessControl.Mode.REPLACE;
            if (rights.startsWith("+")) {
                mode = AccessControl.Mode.ADD;
            } else if (rights.startsWith("-")) {
                mode = AccessControl.Mode.REMOVE;
            }
            Rights parsed = rights(mode == AccessControl.Mode.REPLACE ? rights : rights.substring(1));
            control.set(session.account(), name(command.mailbox(), session), command.identifier(), mode, parsed);
            return new Outcome.Done(Status.ok(command.tag(), "SETACL completed"));
        });
        handlers.on(AclCommands.DeleteAcl.class, (command, session, out) -> {
            control.delete(session.account(), name(command.mailbox(), session), command.identifier());
            return new Outcome.Done(Status.ok(command.tag(), "DELETEACL completed"));
        });
        handlers.on(AclCommands.GetAcl.class, (command, session, out) -> {
            String name = name(command.mailbox(), session);
            List<ImapResponse.AclEntry> entries = new ArrayList<>();
            control.acl(session.account(), name).forEach(
                    entry -> entries.add(new ImapResponse.AclEntry(entry.identifier(), entry.rights().format())));
            out.untagged(new ImapResponse.Acl(visible(session, name).name(), entries));
            return new Outcome.Done(Status.ok(command.tag(), "GETACL completed"));
        });
        handlers.on(AclCommands.ListRights.class, (command, session, out) -> {
            String name = name(command.mailbox(), session);
            AccessibleMailbox mailbox = access.require(session.account(), name, Right.ADMINISTER);
            // RFC 4314 §3.4: the owner's rights are all required (it cannot lose them), anyone else's all optional
            boolean owner = control.isOwner(session.account(), name, command.identifier());
            out.untagged(new ImapResponse.ListRights(mailbox.name(), command.identifier(),
                    owner ? Rights.ALL.format() : "", owner ? List.of() : GRANTABLE));
            return new Outcome.Done(Status.ok(command.tag(), "LISTRIGHTS completed"));
        });
        handlers.on(AclCommands.MyRights.class, (command, session, out) -> {
            AccessibleMailbox mailbox = visible(session, name(command.mailbox(), session));
            out.untagged(new ImapResponse.MyRights(mailbox.name(), mailbox.rights().format()));
            return new Outcome.Done(Status.ok(command.tag(), "MYRIGHTS completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("ACL");
        // RFC 4314 §2.1.1: the rights beyond RFC 2086's
        capabilities.add("RIGHTS=texk");
    }

    private static String name(String clientName, SessionContext session) {
        return MailboxNames.fromClient(clientName, session.rev2());
    }

    private AccessibleMailbox visible(SessionContext session, String name) {
        return access.find(session.account(), name).orElseThrow(() -> new MailboxNotFoundException(name));
    }

    /** RFC 4314 §3.1: a letter that is no right is a BAD, never ignored. */
    private static Rights rights(String letters) {
        try {
            return Rights.parse(letters);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException(e.getMessage());
        }
    }
}
