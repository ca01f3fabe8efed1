package io.mailplatform.webmail.mail;

import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.webmail.config.WebmailProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One page of a mailbox's messages: the store sorts the matching UIDs (IMAP SORT's query, on the
 * sort keys kept with each content), the page starts after the cursor's message, and its
 * metadata and stored summaries are read in one query each. A cursor names the last message of the
 * previous page, so messages arriving or leaving meanwhile neither repeat nor skip others; if that
 * message itself is gone, the page starts at the position it had.
 */
@Service
public class MessageListing {
    private final MessageSearch search;
    private final MessageIndex index;
    private final MessageSummaries summaries;
    private final WebmailProperties.Limits limits;

    public MessageListing(MessageSearch search, MessageIndex index, MessageSummaries summaries, WebmailProperties properties) {
        this.search = search;
        this.index = index;
        this.summaries = summaries;
        this.limits = properties.limits();
    }

    /** A listed message with what the list shows of it. */
    record Entry(MessageMeta meta, MessageSummary summary) {
    }

    /**
     * @param total how many messages match the criteria (before the attachment filter)
     * @param nextCursor where the next page starts, null after the last
     */
    record Page(List<Entry> entries, long total, String nextCursor) {
    }

    Page page(Mailbox mailbox, MessageQuery query, Integer limit, String cursor) {
        int size = limit == null ? Math.min(limits.defaultPageSize(), limits.maxPageSize()) : limit;
        if (size < 1 || size > limits.maxPageSize()) {
            throw new InvalidParameterException("limit", "must be between 1 and " + limits.maxPageSize());
        }
        long[] uids = search.sort(mailbox, query.criterion(), false, List.of(query.sort()));
        int start = cursor == null ? 0 : start(uids, cursor);
        List<Entry> entries = new ArrayList<>();
        int position = start;
        int scanned = 0;
        while (position < uids.length && entries.size() < size && scanned < limits.maxAttachmentScan()) {
            int batch = Math.min(uids.length - position, query.hasAttachment() == null ? size - entries.size() : size);
            long[] slice = Arrays.copyOfRange(uids, position, position + batch);
            Map<Long, MessageMeta> metas = new HashMap<>();
            index.metas(mailbox, slice).forEach(meta -> metas.put(meta.uid(), meta));
            Map<Long, MessageSummary> bodies = summaries.summaries(mailbox, metas.keySet());
            for (long uid : slice) {
                position++;
                scanned++;
                MessageMeta meta = metas.get(uid);
                MessageSummary summary = bodies.get(uid);
                if (meta == null || summary == null) {
                    continue; // expunged since the sort
                }
                if (query.hasAttachment() != null
                        && query.hasAttachment() != !MessageParts.of(summary.body()).attachments().isEmpty()) {
                    continue;
                }
                entries.add(new Entry(meta, summary));
                if (entries.size() == size) {
                    break;
                }
            }
        }
        String next = position < uids.length ? cursor(uids[position - 1], position) : null;
        return new Page(entries, uids.length, next);
    }

    /** The position after the cursor's message; the cursor's recorded position if it is gone. */
    private static int start(long[] uids, String cursor) {
        long uid;
        int position;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            uid = Long.parseLong(parts[0]);
            position = Integer.parseInt(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this server gave");
        }
        if (position < 0) {
            throw new InvalidParameterException("cursor", "is not a cursor this server gave");
        }
        for (int i = 0; i < uids.length; i++) {
            if (uids[i] == uid) {
                return i + 1;
            }
        }
        return Math.min(position, uids.length);
    }

    private static String cursor(long lastUid, int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((lastUid + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }
}
