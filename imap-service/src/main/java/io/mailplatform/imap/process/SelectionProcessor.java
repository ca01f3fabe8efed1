package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageIndex;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * SELECT, EXAMINE (RFC 9051 §6.3.2, §6.3.3; RFC 3501 for the IMAP4rev1 responses) with the
 * CONDSTORE and QRESYNC parameters of RFC 7162, CLOSE and UNSELECT (§6.4.1, §6.4.2).
 */
@Component
public class SelectionProcessor implements CommandProcessor {
    /** Without one of these a SELECT opens the mailbox read-only (RFC 4314 §4). */
    private static final List<Right> WRITE_RIGHTS = List.of(Right.SEEN, Right.WRITE, Right.INSERT,
            Right.DELETE_MESSAGES, Right.EXPUNGE);

    private final MailboxService mailboxes;
    private final MailboxAccess access;
    private final MailboxAdmin admin;
    private final MessageIndex index;
    private final QuickResync quickResync;

    public SelectionProcessor(MailboxService mailboxes, MailboxAccess access, MailboxAdmin admin, MessageIndex index,
            QuickResync quickResync) {
        this.mailboxes = mailboxes;
        this.access = access;
        this.admin = admin;
        this.index = index;
        this.quickResync = quickResync;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Select.class, this::select);
        handlers.on(MessageCommands.Close.class, (command, session, out) -> {
            SelectedMailbox selected = session.selected();
            if (!selected.readOnly() && selected.rights().has(Right.EXPUNGE)) {
                // no EXPUNGE responses: the client leaves the mailbox (RFC 9051 §6.4.1)
                mailboxes.expunge(selected.mailbox(), null);
            }
            session.deselect();
            return new Outcome.Done(Status.ok(command.tag(), "CLOSE completed"));
        });
        handlers.on(MessageCommands.Unselect.class, (command, session, out) -> {
            session.deselect();
            return new Outcome.Done(Status.ok(command.tag(), "UNSELECT completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("UNSELECT");
        capabilities.add("CONDSTORE");
        capabilities.add("QRESYNC");
    }

    private Outcome select(MailboxCommands.Select command, SessionContext session, Responder out) {
        boolean rev2 = session.rev2();
        if (command.qresync() != null && !session.qresync()) {
            throw new ImapSyntaxException("The QRESYNC parameter needs ENABLE QRESYNC first");
        }
        if (command.condstore()) {
            session.enable(Extension.CONDSTORE);
        }
        if (session.selected() != null) {
            // a SELECT deselects first, even if it then fails (RFC 9051 §6.3.2, RFC 7162 §3.2.11)
            session.deselect();
            if (rev2 || session.qresync()) {
                out.untagged(Status.ok(null, ResponseCode.CLOSED, "Previous mailbox is now closed"));
            }
        }
        String name = MailboxNames.fromClient(command.mailbox(), rev2);
        AccessibleMailbox found = access.require(session.account(), name, Right.READ);
        Mailbox mailbox = found.mailbox();
        boolean readOnly = command.readOnly() || WRITE_RIGHTS.stream().noneMatch(found.rights()::has);
        MessageIndex.Snapshot snapshot = index.snapshot(mailbox)
                .orElseThrow(() -> new ImapNoException(ResponseCode.NONEXISTENT, "No such mailbox"));
        long[] uids = snapshot.uids();
        long recentAbove;
        if (rev2) {
            recentAbove = -1;
        } else if (readOnly) {
            recentAbove = snapshot.recentUid();
        } else {
            recentAbove = index.claimRecent(mailbox, uids.length == 0 ? 0 : uids[uids.length - 1]);
        }
        SelectedMailbox selected = new SelectedMailbox(snapshot, readOnly, recentAbove);
        selected.rights(found.rights());
        Mailbox current = snapshot.mailbox();

        out.untagged(new ImapResponse.Exists(uids.length));
        if (!rev2) {
            out.untagged(new ImapResponse.Recent(selected.recentCount()));
            if (snapshot.firstUnseenUid() > 0) {
                int msn = selected.msnOf(snapshot.firstUnseenUid());
                out.untagged(Status.ok(null, ResponseCode.unseen(msn), "Message " + msn + " is first unseen"));
            }
        }
        out.untagged(Status.ok(null, ResponseCode.uidValidity(current.uidValidity()), "UIDs valid"));
        out.untagged(Status.ok(null, ResponseCode.uidNext(current.uidNext()), "Predicted next UID"));
        out.untagged(selected.flagsResponse());
        out.untagged(selected.permanentFlagsResponse());
        if (session.condstore()) {
            // every mailbox keeps MODSEQs, so NOMODSEQ is never the answer (RFC 7162 §3.1.2.2)
            out.untagged(Status.ok(null, ResponseCode.highestModSeq(current.highestModSeq()), "Highest"));
        }
        if (rev2) {
            // RFC 9051 §6.3.2: a LIST response with the mailbox name and accurate attributes
            List<String> attributes = new ArrayList<>();
            attributes.add(admin.hasInferiors(current.accountId(), current.name()) ? "\\HasChildren" : "\\HasNoChildren");
            if (current.specialUse() != null && found.own()) {
                attributes.add(current.specialUse());
            }
            out.untagged(new ImapResponse.MailboxList(false, attributes, found.name(), List.of()));
        }
        session.select(selected);
        if (command.qresync() != null) {
            quickResync.report(command.qresync(), selected, rev2, out);
        }
        return new Outcome.Done(readOnly
                ? Status.ok(command.tag(), ResponseCode.READ_ONLY, "EXAMINE completed")
                : Status.ok(command.tag(), ResponseCode.READ_WRITE, "SELECT completed"));
    }
}
