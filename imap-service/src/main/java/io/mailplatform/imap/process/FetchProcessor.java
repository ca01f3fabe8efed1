package io.mailplatform.imap.process;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.fetch.BinaryContent;
import io.mailplatform.imap.fetch.BinarySection;
import io.mailplatform.imap.fetch.BinarySize;
import io.mailplatform.imap.fetch.BodySection;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.fetch.FetchItem.Attribute;
import io.mailplatform.imap.fetch.HeaderFilter;
import io.mailplatform.imap.fetch.Partial;
import io.mailplatform.imap.fetch.Section;
import io.mailplatform.imap.fetch.SectionLocator;
import io.mailplatform.imap.response.FetchValue;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * [UID] FETCH (RFC 9051 §6.4.5). Messages are answered in batches: one query for their metadata,
 * one for their summaries when ENVELOPE, BODYSTRUCTURE or a section needs them, one for the octets
 * of all small sections. A large plain range (no header filter, no decoding) streams: its octets
 * are read a chunk at a time, one short query each, while the channel's back-pressure paces them,
 * so neither the message nor a database connection is held while a slow client reads. A large
 * section that must be filtered or decoded is read whole on its own. Nothing reads a whole mailbox.
 *
 * <p>A BODY[...] or BINARY[...] without .PEEK sets \Seen (not in a read-only mailbox), and the
 * response then carries FLAGS. Messages expunged by another session but still in this client's
 * view cannot be answered: the command ends with NO [EXPUNGEISSUED] (RFC 9051 §7.1).
 */
@Component
public class FetchProcessor implements CommandProcessor {
    /** Sections up to this size are read together with the rest of their batch. */
    private static final long BATCH_SECTION_LIMIT = 256 * 1024;
    private static final MessageFlags SEEN = MessageFlags.of(List.of("\\Seen"));

    private final MailboxService mailboxes;
    private final MessageIndex index;
    private final MessageSummaries summaries;
    private final MessageContents contents;
    private final int batchSize;

    public FetchProcessor(MailboxService mailboxes, MessageIndex index, MessageSummaries summaries,
            MessageContents contents, ImapProperties properties) {
        this.mailboxes = mailboxes;
        this.index = index;
        this.summaries = summaries;
        this.contents = contents;
        this.batchSize = properties.limits().fetchBatchSize();
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Fetch.class, this::fetch);
    }

    private Outcome fetch(MessageCommands.Fetch command, SessionContext session, Responder out) {
        SelectedMailbox selected = session.selected();
        List<FetchItem> items = new ArrayList<>(command.items());
        if (command.uid() && !items.contains(Attribute.UID)) {
            // RFC 9051 §6.4.9: every FETCH response of a UID command carries the UID
            items.add(0, Attribute.UID);
        }
        boolean setsSeen = !selected.readOnly() && items.stream().anyMatch(FetchItem::setsSeen);
        SummaryNeed need = SummaryNeed.of(items);
        long[] uids = selected.uidsOf(selected.resolve(command.set(), command.uid()));
        boolean missing = false;
        for (int from = 0; from < uids.length; from += batchSize) {
            long[] batch = Arrays.copyOfRange(uids, from, Math.min(uids.length, from + batchSize));
            missing |= fetchBatch(batch, items, setsSeen, need, selected, session.rev2(), out);
        }
        if (missing && !command.uid()) {
            throw new ImapNoException(ResponseCode.EXPUNGEISSUED, "Some of the requested messages no longer exist");
        }
        return new Outcome.Done(Status.ok(command.tag(), (command.uid() ? "UID " : "") + "FETCH completed"));
    }

    /** What of the summaries a FETCH needs: nothing, the envelopes only, or whole summaries. */
    private enum SummaryNeed {
        NONE, ENVELOPE, SUMMARY;

        static SummaryNeed of(List<FetchItem> items) {
            SummaryNeed need = NONE;
            for (FetchItem item : items) {
                if (item == Attribute.ENVELOPE) {
                    need = need == NONE ? ENVELOPE : need;
                } else if (item == Attribute.BODY || item == Attribute.BODYSTRUCTURE || item instanceof BinarySection
                        || item instanceof BinarySize
                        || (item instanceof BodySection section && !section.section().equals(Section.WHOLE))) {
                    return SUMMARY;
                }
            }
            return need;
        }
    }

    /** @return whether a message of the batch no longer exists */
    private boolean fetchBatch(long[] batch, List<FetchItem> items, boolean setsSeen, SummaryNeed need,
            SelectedMailbox selected, boolean rev2, Responder out) {
        Set<Long> seenNow = new HashSet<>();
        if (setsSeen) {
            List<MessageMeta> changed = mailboxes.setFlags(selected.mailbox(), Arrays.stream(batch).boxed().toList(),
                    FlagMode.ADD, SEEN);
            selected.reportedOwnChanges(changed);
            changed.forEach(meta -> seenNow.add(meta.uid()));
        }
        Map<Long, MessageMeta> metas = new LinkedHashMap<>();
        index.metas(selected.mailbox(), batch).forEach(meta -> metas.put(meta.uid(), meta));
        List<Long> present = new ArrayList<>(metas.keySet());
        Map<Long, MessageSummary> summaryOf = need == SummaryNeed.SUMMARY ? summaries.summaries(selected.mailbox(), present)
                : Map.of();
        Map<Long, ImapEnvelope> envelopeOf = need == SummaryNeed.ENVELOPE ? summaries.envelopes(selected.mailbox(), present)
                : Map.of();

        // every section of every message, located; the small ones read in one query
        Map<Long, List<Object>> located = new HashMap<>();
        List<Read> small = new ArrayList<>();
        for (MessageMeta meta : metas.values()) {
            List<Object> targets = new ArrayList<>();
            for (FetchItem item : items) {
                Object target = target(item, meta, summaryOf.get(meta.uid()));
                targets.add(target);
                if (target instanceof Read read && read.length() <= BATCH_SECTION_LIMIT) {
                    small.add(read);
                }
            }
            located.put(meta.uid(), targets);
        }
        List<byte[]> smallOctets = contents.read(selected.mailbox(),
                small.stream().map(read -> new MessageContents.Slice(read.uid(), read.offset(), read.length())).toList());
        Map<Read, byte[]> octets = new HashMap<>();
        for (int i = 0; i < small.size(); i++) {
            octets.put(small.get(i), smallOctets.get(i));
        }

        boolean uidOnly = items.stream().allMatch(item -> item == Attribute.UID);
        boolean missing = false;
        for (long uid : batch) {
            MessageMeta meta = metas.get(uid);
            if (meta == null) {
                // expunged by another session, not yet reported: the UID is still known here (RFC 2180 §4.1)
                if (uidOnly) {
                    out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), List.of(new FetchValue.Uid(uid))));
                } else {
                    missing = true;
                }
                continue;
            }
            List<Object> targets = located.get(uid);
            if (targets.stream().anyMatch(target -> target instanceof Read read && streams(read))
                    && index.metas(selected.mailbox(), new long[] {uid}).isEmpty()) {
                // expunged while earlier messages were written: answer as for any message gone rather
                // than start a literal that would be cut (and the connection with it)
                missing = true;
                continue;
            }
            List<FetchValue> values = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                values.add(value(items.get(i), targets.get(i), meta, summaryOf.get(uid), envelopeOf.get(uid), octets,
                        selected, rev2));
            }
            if (seenNow.contains(uid) && !items.contains(Attribute.FLAGS)) {
                values.add(new FetchValue.Flags(selected.flags(meta, rev2)));
            }
            out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), values));
        }
        return missing;
    }

    /** Octets to read for an item, with what to do with them once read. */
    private record Read(long uid, long offset, long length, Partial partial, SectionLocator.FilteredHeader filter,
            BodyPart binaryPart) {

        /** Sent as stored: its length is known before reading. */
        boolean plain() {
            return partial == null && filter == null && binaryPart == null;
        }
    }

    /** Whether a section is read while it is written, a chunk at a time, rather than batched or read whole. */
    private static boolean streams(Read read) {
        return read.length() > BATCH_SECTION_LIMIT && read.plain();
    }

    /** One short query per chunk: no connection is held while the client reads. */
    private FetchValue.Octets chunks(Read read, Mailbox mailbox) {
        return (offset, length) -> contents.read(mailbox,
                List.of(new MessageContents.Slice(read.uid(), read.offset() + offset, length))).get(0);
    }

    /** Locates a section or BINARY part of one message; null for items without octets. */
    private Object target(FetchItem item, MessageMeta meta, MessageSummary summary) {
        if (item instanceof BodySection body) {
            SectionLocator.Target target = summary == null
                    ? new SectionLocator.Range(0, meta.size())
                    : SectionLocator.locate(body.section(), summary, meta);
            if (target instanceof SectionLocator.Missing) {
                return target;
            }
            if (target instanceof SectionLocator.FilteredHeader filtered) {
                return new Read(meta.uid(), filtered.range().offset(),
                        filtered.range().length(), body.partial(), filtered, null);
            }
            return plainRead(meta.uid(), (SectionLocator.Range) target, body.partial());
        }
        if (item instanceof BinarySection binary) {
            return binaryRead(meta, summary, binary.part(), binary.partial(), item);
        }
        if (item instanceof BinarySize size) {
            // the whole message is sent as stored: its size is known without reading it
            return size.part().isEmpty() ? null : binaryRead(meta, summary, size.part(), null, item);
        }
        return null;
    }

    private Object binaryRead(MessageMeta meta, MessageSummary summary, List<Integer> part, Partial partial, FetchItem item) {
        if (part.isEmpty()) {
            // the whole message has no content transfer encoding to remove: octets as stored
            return plainRead(meta.uid(), new SectionLocator.Range(0, meta.size()), partial);
        }
        BodyPart leaf = SectionLocator.binaryPart(part, summary);
        if (leaf == null) {
            if (summary.body().part(part.stream().mapToInt(Integer::intValue).toArray()) != null) {
                throw new ImapNoException(ResponseCode.CANNOT, "BINARY applies to leaf parts only, not multipart or message parts");
            }
            return new SectionLocator.Missing();
        }
        SectionLocator.Range range = SectionLocator.bodyOf(leaf, meta);
        return new Read(meta.uid(), range.offset(), range.length(), partial, null, leaf);
    }

    /** A range sent as stored; a partial read reads only the octets asked for. */
    private static Read plainRead(long uid, SectionLocator.Range range, Partial partial) {
        if (partial == null) {
            return new Read(uid, range.offset(), range.length(), null, null, null);
        }
        return new Read(uid, range.offset() + partial.start(range.length()), partial.length(range.length()), null, null,
                null);
    }

    private FetchValue value(FetchItem item, Object target, MessageMeta meta, MessageSummary summary,
            ImapEnvelope envelope, Map<Read, byte[]> octets, SelectedMailbox selected, boolean rev2) {
        if (item instanceof Attribute attribute) {
            switch (attribute) {
                case FLAGS:
                    return new FetchValue.Flags(selected.flags(meta, rev2));
                case UID:
                    return new FetchValue.Uid(meta.uid());
                case INTERNALDATE:
                    return new FetchValue.InternalDate(meta.internalDate());
                case RFC822_SIZE:
                    return new FetchValue.Size(meta.size());
                case ENVELOPE:
                    return new FetchValue.Envelope(envelope != null ? envelope : summary.envelope());
                case BODY:
                    return new FetchValue.BodyStructure(summary.body(), false);
                default:
                    return new FetchValue.BodyStructure(summary.body(), true);
            }
        }
        if (item instanceof BinarySize size && size.part().isEmpty()) {
            return new FetchValue.BinarySize(size.responseName(), meta.size());
        }
        if (target instanceof Read read && streams(read)) {
            String name = item instanceof BinarySection binary ? binary.responseName()
                    : ((BodySection) item).responseName();
            return new FetchValue.StreamedSection(name, read.length(), item instanceof BinarySection,
                    chunks(read, selected.mailbox()));
        }
        byte[] content = target instanceof Read read ? read(read, octets, selected) : null;
        if (item instanceof BodySection body) {
            if (content != null && target instanceof Read read && read.filter() != null) {
                content = HeaderFilter.filter(content, read.filter().fields(), read.filter().exclude());
                content = partial(content, read.partial());
            }
            return new FetchValue.Section(body.responseName(), content);
        }
        Read read = (Read) (target instanceof Read ? target : null);
        if (content != null && read.binaryPart() != null) {
            content = BinaryContent.decode(read.binaryPart(), content).orElseThrow(() ->
                    new ImapNoException(ResponseCode.UNKNOWN_CTE, "Unknown Content-Transfer-Encoding "
                            + read.binaryPart().encoding()));
        }
        if (item instanceof BinarySize size) {
            return new FetchValue.BinarySize(size.responseName(), content == null ? 0 : content.length);
        }
        BinarySection binary = (BinarySection) item;
        return new FetchValue.Binary(binary.responseName(), content == null ? null : partial(content, read.partial()));
    }

    private byte[] read(Read read, Map<Read, byte[]> octets, SelectedMailbox selected) {
        byte[] batched = octets.get(read);
        if (batched != null || read.length() <= BATCH_SECTION_LIMIT) {
            return batched == null ? new byte[0] : batched;
        }
        List<byte[]> one = contents.read(selected.mailbox(),
                List.of(new MessageContents.Slice(read.uid(), read.offset(), read.length())));
        return one.get(0) == null ? new byte[0] : one.get(0);
    }

    private static byte[] partial(byte[] content, Partial partial) {
        if (partial == null) {
            return content;
        }
        int start = (int) partial.start(content.length);
        return Arrays.copyOfRange(content, start, start + (int) partial.length(content.length));
    }
}
