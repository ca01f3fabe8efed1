package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxCounts;
import io.mailplatform.store.mailbox.MailboxStatistics;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The STATUS data of a mailbox (RFC 9051 §6.3.11, §7.3.3), for STATUS and LIST RETURN (STATUS). */
@Component
public class StatusReport {
    private final MailboxStatistics statistics;

    public StatusReport(MailboxStatistics statistics) {
        this.statistics = statistics;
    }

    /** The STATUS response for the items, in the order asked; counts are read only if an item needs them. */
    public ImapResponse.StatusData of(Mailbox mailbox, List<StatusItem> items) {
        return of(mailbox, mailbox.name(), items);
    }

    /** The same, for a mailbox the account calls {@code name} (another account's, in "Other Users"). */
    public ImapResponse.StatusData of(Mailbox mailbox, String name, List<StatusItem> items) {
        return of(mailbox, name, needsCounts(items) ? statistics.counts(mailbox) : null, items);
    }

    /** Whether any of the items is a count (the others are in the mailbox row). */
    public static boolean needsCounts(List<StatusItem> items) {
        return items.stream().anyMatch(item -> item != StatusItem.UIDNEXT && item != StatusItem.UIDVALIDITY
                && item != StatusItem.HIGHESTMODSEQ);
    }

    /** The STATUS response from counts already read ({@code null} if no item needs them). */
    public ImapResponse.StatusData of(Mailbox mailbox, String name, MailboxCounts counts, List<StatusItem> items) {
        List<ImapResponse.StatusValue> values = new ArrayList<>();
        for (StatusItem item : items) {
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
            };
            values.add(new ImapResponse.StatusValue(item.wire(), value));
        }
        return new ImapResponse.StatusData(name, values);
    }
}
