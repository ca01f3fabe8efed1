package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.List;
import org.springframework.stereotype.Component;

/** STATUS (RFC 9051 §6.3.11, STATUS=SIZE of RFC 8438, RECENT of RFC 3501, HIGHESTMODSEQ of RFC 7162). */
@Component
public class StatusProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final StatusReport report;

    public StatusProcessor(MailboxService mailboxes, StatusReport report) {
        this.mailboxes = mailboxes;
        this.report = report;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Status.class, (command, session, out) -> {
            String name = MailboxNames.fromClient(command.mailbox(), session.utf8());
            Mailbox mailbox = mailboxes.require(session.account().id(), name);
            if (command.items().contains(MailboxCommands.StatusItem.HIGHESTMODSEQ)) {
                CondStoreEnabling.enable(session, out);
            }
            out.untagged(report.of(mailbox, command.items()));
            return new Outcome.Done(Status.ok(command.tag(), "STATUS completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("STATUS=SIZE");
    }
}
