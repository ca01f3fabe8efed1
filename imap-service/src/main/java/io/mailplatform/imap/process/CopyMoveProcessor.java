package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.CopyResult;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * [UID] COPY and [UID] MOVE (RFC 9051 §6.4.7, §6.4.8; RFC 6851) with COPYUID (RFC 4315). Both are
 * one store transaction: all or nothing. MOVE sends COPYUID in an untagged OK before the EXPUNGE
 * responses, which the dispatcher's update sends.
 */
@Component
public class CopyMoveProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final MailboxAccess access;

    public CopyMoveProcessor(MailboxService mailboxes, MailboxAccess access) {
        this.mailboxes = mailboxes;
        this.access = access;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Copy.class, (command, session, out) -> {
            Selection selection = selection(session, command.set(), command.uid(), command.mailbox());
            if (selection.uids().isEmpty()) {
                return new Outcome.Done(Status.ok(command.tag(), "COPY completed, nothing to copy"));
            }
            CopyResult result = mailboxes.copy(selection.source().mailbox(), selection.uids(), selection.target());
            if (result.sourceUids().isEmpty()) {
                return new Outcome.Done(Status.ok(command.tag(), "COPY completed, nothing to copy"));
            }
            return new Outcome.Done(Status.ok(command.tag(), copyUid(result), "COPY completed"));
        });
        handlers.on(MessageCommands.Move.class, (command, session, out) -> {
            if (session.selected().readOnly()) {
                throw new ImapNoException("The mailbox is read-only");
            }
            // RFC 6851 §3.1 with RFC 4314: moving out deletes and expunges in the source
            MailboxAccess.check(session.selected().rights(), Right.DELETE_MESSAGES, Right.EXPUNGE);
            Selection selection = selection(session, command.set(), command.uid(), command.mailbox());
            if (!selection.uids().isEmpty()) {
                CopyResult result = mailboxes.move(selection.source().mailbox(), selection.uids(), selection.target());
                if (!result.sourceUids().isEmpty()) {
                    out.untagged(Status.ok(null, copyUid(result), "Moved"));
                    selection.source().expunged(result.sourceUids());
                }
            }
            return new Outcome.Done(Status.ok(command.tag(), "MOVE completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("MOVE");
    }

    private record Selection(SelectedMailbox source, Mailbox target, List<Long> uids) {
    }

    private Selection selection(SessionContext session, SequenceSet set, boolean byUid, String targetName) {
        SelectedMailbox source = session.selected();
        long[] uids = source.uidsOf(source.resolve(set, byUid));
        String name = MailboxNames.fromClient(targetName, session.rev2());
        AccessibleMailbox target = access.find(session.account(), name)
                .orElseThrow(() -> new ImapNoException(ResponseCode.TRYCREATE, "No such mailbox"));
        MailboxAccess.check(target.rights(), Right.INSERT);
        return new Selection(source, target.mailbox(), Arrays.stream(uids).boxed().toList());
    }

    private static ResponseCode copyUid(CopyResult result) {
        return ResponseCode.copyUid(result.targetUidValidity(), UidSets.format(result.sourceUids()),
                UidSets.format(result.targetUids()));
    }
}
