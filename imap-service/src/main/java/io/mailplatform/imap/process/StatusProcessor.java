package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxStatistics;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** STATUS (RFC 9051 §6.3.11, STATUS=SIZE of RFC 8438, RECENT of RFC 3501, HIGHESTMODSEQ of RFC 7162). */
@Component
public class StatusProcessor implements CommandProcessor {
    private final MailboxAccess access;
    private final MailboxStatistics statistics;
    private final StatusReport report;

    public StatusProcessor(MailboxAccess access, MailboxStatistics statistics, StatusReport report) {
        this.access = access;
        this.statistics = statistics;
        this.report = report;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Status.class, (command, session, out) -> {
            String name = MailboxNames.fromClient(command.mailbox(), session.rev2());
            if (command.items().contains(MailboxCommands.StatusItem.HIGHESTMODSEQ)) {
                CondStoreEnabling.enable(session, out);
            }
            if (StatusReport.needsCounts(command.items())) {
                // an own mailbox and its counts in one round trip; other accounts' (and missing ones) below
                Optional<MailboxStatistics.Counted> own = statistics.find(session.account().id(), name);
                if (own.isPresent()) {
                    Mailbox mailbox = own.get().mailbox();
                    out.untagged(report.of(mailbox, mailbox.name(), own.get().counts(), command.items()));
                    return new Outcome.Done(Status.ok(command.tag(), "STATUS completed"));
                }
            }
            AccessibleMailbox mailbox = access.require(session.account(), name, Right.READ);
            out.untagged(report.of(mailbox.mailbox(), mailbox.name(), command.items()));
            return new Outcome.Done(Status.ok(command.tag(), "STATUS completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("STATUS=SIZE");
    }
}
