package io.mailplatform.imap.process;

import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import org.springframework.stereotype.Component;

/**
 * Re-reads the account's rights on a selected mailbox of another account before each command, so
 * an owner's SETACL or DELETEACL applies to sessions that already have it selected; commands that
 * read messages then need the {@code r} right still (RFC 4314 §4). The account's own mailboxes
 * cost nothing: their rights never change.
 */
@Component
public class SelectedRights {
    private final MailboxAccess access;

    public SelectedRights(MailboxAccess access) {
        this.access = access;
    }

    void refresh(ImapCommand command, SessionContext session) {
        SelectedMailbox selected = session.selected();
        if (selected == null || selected.mailbox().accountId() == session.account().id()) {
            return;
        }
        selected.rights(access.rights(session.account(), selected.mailbox()));
        if (readsMessages(command)) {
            MailboxAccess.check(selected.rights(), Right.READ);
        }
    }

    private static boolean readsMessages(ImapCommand command) {
        return command instanceof MessageCommands.Fetch || command instanceof MessageCommands.Search
                || command instanceof MessageCommands.Sort || command instanceof MessageCommands.Thread
                || command instanceof MessageCommands.Copy || command instanceof MessageCommands.Move;
    }
}
