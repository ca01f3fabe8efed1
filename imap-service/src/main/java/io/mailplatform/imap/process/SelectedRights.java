package io.mailplatform.imap.process;

import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.acl.Rights;
import org.springframework.stereotype.Component;

/**
 * Re-reads the account's rights on a selected mailbox of another account before each command and
 * whenever an idling session looks at the store, so an owner's SETACL or DELETEACL (in any session,
 * on any instance: {@code ACL_CHANGED} on {@code mailbox.events} wakes idling sessions at once)
 * applies to sessions that already have it selected. Without the {@code r} right (RFC 4314 §4) the
 * session must not see the mailbox's messages any more, not even as EXISTS or flag updates: it is told
 * with an untagged {@code NO [NOPERM]} and deselected with {@code OK [CLOSED]} (RFC 9051 §7.1), as if
 * the mailbox had been closed, and goes on in the authenticated state. The account's own mailboxes
 * cost nothing: their rights never change.
 */
@Component
public class SelectedRights {
    private final MailboxAccess access;

    public SelectedRights(MailboxAccess access) {
        this.access = access;
    }

    /**
     * Reads the rights again; without {@code r} the session is told and deselected.
     *
     * @return whether the session lost the mailbox
     */
    boolean refresh(SessionContext session, Responder out) {
        SelectedMailbox selected = session.selected();
        if (selected == null || selected.mailbox().accountId() == session.account().id()) {
            return false;
        }
        Rights rights = access.rights(session.account(), selected.mailbox());
        selected.rights(rights);
        if (rights.has(Right.READ)) {
            return false;
        }
        out.untagged(Status.no(null, ResponseCode.NOPERM, "The 'r' right on the selected mailbox was revoked"));
        out.untagged(Status.ok(null, ResponseCode.CLOSED, "The mailbox is no longer selected"));
        session.deselect();
        return true;
    }
}
