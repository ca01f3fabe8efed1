package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * EXPUNGE and UID EXPUNGE (RFC 9051 §6.4.3, §6.4.9). The EXPUNGE responses, for these messages and
 * any others expunged meanwhile, come from the dispatcher's update after the command.
 */
@Component
public class ExpungeProcessor implements CommandProcessor {
    private final MailboxService mailboxes;

    public ExpungeProcessor(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Expunge.class, (command, session, out) -> {
            SelectedMailbox selected = session.selected();
            if (selected.readOnly()) {
                throw new ImapNoException("The mailbox is read-only");
            }
            MailboxAccess.check(selected.rights(), Right.EXPUNGE);
            List<Long> uids = null;
            if (command.uids() != null) {
                uids = Arrays.stream(selected.uidsOf(selected.resolve(command.uids(), true))).boxed().toList();
            }
            MailboxService.Expunge expunge = mailboxes.expungeMessages(selected.mailbox(), uids);
            selected.expunged(expunge.uids());
            selected.wrote(expunge.modSeq(), List.of());
            return new Outcome.Done(Status.ok(command.tag(), command.uids() == null ? "EXPUNGE completed"
                    : "UID EXPUNGE completed"));
        });
    }
}
