package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MailboxStatistics;
import java.util.List;
import org.springframework.stereotype.Component;

/** STATUS (RFC 9051 §6.3.11, STATUS=SIZE of RFC 8438, RECENT of RFC 3501, HIGHESTMODSEQ of RFC 7162). */
@Component
public class StatusProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final MailboxStatistics statistics;
    private final StatusReport report;

    public StatusProcessor(MailboxService mailboxes, MailboxStatistics statistics, StatusReport report) {
        this.mailboxes = mailboxes;
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
                // the mailbox and its counts in one round trip
                MailboxStatistics.Counted counted = statistics.find(session.account().id(), name)
                        .orElseThrow(() -> new MailboxNotFoundException(name));
                out.untagged(report.of(counted.mailbox(), counted.counts(), command.items()));
            } else {
                out.untagged(report.of(mailboxes.require(session.account().id(), name), null, command.items()));
            }
            return new Outcome.Done(Status.ok(command.tag(), "STATUS completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("STATUS=SIZE");
    }
}
