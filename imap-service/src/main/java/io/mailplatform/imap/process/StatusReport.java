package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxCounts;
import io.mailplatform.store.mailbox.MailboxStatistics;
import io.mailplatform.store.mailbox.ObjectIds;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The STATUS data of a mailbox (RFC 9051 §6.3.11, §7.3.3), for STATUS and LIST RETURN (STATUS). */
@Component
public class StatusReport {
    private final MailboxStatistics statistics;
    private final ObjectIds objectIds;

    public StatusReport(MailboxStatistics statistics, ObjectIds objectIds) {
        this.statistics = statistics;
        this.objectIds = objectIds;
    }

    /** The STATUS response for the items, in the order asked; counts are read only if an item needs them. */
    public ImapResponse.StatusData of(Mailbox mailbox, List<StatusItem> items) {
        boolean needsCounts = items.stream().anyMatch(item -> item != StatusItem.UIDNEXT && item != StatusItem.UIDVALIDITY
                && item != StatusItem.HIGHESTMODSEQ && item != StatusItem.MAILBOXID);
        MailboxCounts counts = needsCounts ? statistics.counts(mailbox) : null;
        List<ImapResponse.StatusValue> values = new ArrayList<>();
        for (StatusItem item : items) {
            if (item == StatusItem.MAILBOXID) {
                values.add(new ImapResponse.StatusValue(item.wire(), "(" + mailboxId(mailbox) + ")"));
                continue;
            }
            long value = switch (item) {
                case MESSAGES -> counts.messages();
                case UIDNEXT -> mailbox.uidNext();
                case UIDVALIDITY -> mailbox.uidValidity();
                case UNSEEN -> counts.unseen();
                case DELETED -> counts.deleted();
                case SIZE -> counts.size();
                case RECENT -> counts.recent();
                case HIGHESTMODSEQ -> mailbox.highestModSeq();
                case DELETED_STORAGE -> counts.deletedSize();
                case MAILBOXID -> throw new IllegalStateException("not a number");
            };
            values.add(new ImapResponse.StatusValue(item.wire(), value));
        }
        return new ImapResponse.StatusData(mailbox.name(), values);
    }

    /** The MAILBOXID of RFC 8474. */
    public String mailboxId(Mailbox mailbox) {
        return objectIds.of(mailbox.accountId()).mailboxId(mailbox.id());
    }
}
