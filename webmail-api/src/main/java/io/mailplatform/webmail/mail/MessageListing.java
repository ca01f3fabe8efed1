package io.mailplatform.webmail.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.store.search.SearchCriterion;
import io.mailplatform.store.search.SortPosition;
import io.mailplatform.webmail.config.WebmailProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One page of a mailbox's messages: the store returns the page's UIDs in the list's order, starting
 * after the cursor's message (a keyset page: an index walk for date and arrival order, never a sort
 * of the whole mailbox), and the page's metadata and stored summaries are read in one query. A
 * cursor names the sort key value and UID of the last message of the previous page, so messages
 * arriving or leaving meanwhile neither repeat nor skip others, even when that message itself is gone.
 * The total is counted once per state of the mailbox (its HIGHESTMODSEQ moves with every change) and
 * query, so paging and polling an unchanged mailbox do not count it again.
 */
@Service
public class MessageListing {
    /** Totals of recent (mailbox state, criteria): a few per active user; the state in the key retires old ones. */
    private static final int COUNT_CACHE_SIZE = 10_000;

    private final MessageSearch search;
    private final MessageSummaries summaries;
    private final WebmailProperties.Limits limits;
    private final Cache<CountKey, Long> counts = Caffeine.newBuilder().maximumSize(COUNT_CACHE_SIZE).build();

    public MessageListing(MessageSearch search, MessageSummaries summaries, WebmailProperties properties) {
        this.search = search;
        this.summaries = summaries;
        this.limits = properties.limits();
    }

    /**
     * A listed message with what the list shows of it.
     *
     * @param hasAttachments from the stored MIME structure, worked out once for the filter and the view
     */
    record Entry(MessageMeta meta, MessageSummary summary, boolean hasAttachments) {
        Entry(MessageMeta meta, MessageSummary summary) {
            this(meta, summary, !MessageParts.of(summary.body()).attachments().isEmpty());
        }
    }

    /**
     * @param total how many messages match the criteria (before the attachment filter)
     * @param nextCursor where the next page starts, null after the last
     */
    record Page(List<Entry> entries, long total, String nextCursor) {
    }

    /** A mailbox in one state (UIDVALIDITY and HIGHESTMODSEQ) and the criteria counted in it. */
    private record CountKey(long mailboxId, long uidValidity, long highestModSeq, SearchCriterion criterion) {
    }

    Page page(Mailbox mailbox, MessageQuery query, Integer limit, String cursor) {
        int size = limit == null ? Math.min(limits.defaultPageSize(), limits.maxPageSize()) : limit;
        if (size < 1 || size > limits.maxPageSize()) {
            throw new InvalidParameterException("limit", "must be between 1 and " + limits.maxPageSize());
        }
        SortPosition position = cursor == null ? null : ListCursor.decode(cursor, query.sort().key());
        List<Entry> entries = new ArrayList<>();
        int scanned = 0;
        boolean more = true;
        while (more && entries.size() < size && scanned < limits.maxAttachmentScan()) {
            // filtered by attachment, whole pages are read until one is full; one row more says whether others follow
            int batch = query.hasAttachment() == null ? size - entries.size() : size;
            List<SortPosition> rows = search.sortPage(mailbox, query.criterion(), query.sort(), position, batch + 1);
            more = rows.size() > batch;
            rows = rows.subList(0, Math.min(rows.size(), batch));
            Map<Long, Entry> read = new HashMap<>();
            summaries.withSummaries(mailbox, rows.stream().mapToLong(SortPosition::uid).toArray())
                    .forEach(one -> read.put(one.meta().uid(), new Entry(one.meta(), one.summary())));
            for (int i = 0; i < rows.size(); i++) {
                position = rows.get(i);
                scanned++;
                Entry entry = read.get(position.uid()); // null: expunged since the page query
                if (entry != null && (query.hasAttachment() == null || query.hasAttachment() == entry.hasAttachments())) {
                    entries.add(entry);
                }
                if (entries.size() == size) {
                    more |= i < rows.size() - 1;
                    break;
                }
            }
        }
        long total = counts.get(new CountKey(mailbox.id(), mailbox.uidValidity(), mailbox.highestModSeq(), query.criterion()),
                key -> search.count(mailbox, key.criterion()));
        return new Page(entries, total, more && position != null ? ListCursor.encode(position) : null);
    }
}
