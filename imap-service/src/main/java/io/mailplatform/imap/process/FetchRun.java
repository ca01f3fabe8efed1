package io.mailplatform.imap.process;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.imap.command.MessageCommands;
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
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageContents.Slice;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.store.mailbox.MessageSummaries.Head;
import io.mailplatform.store.mailbox.ObjectIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One [UID] FETCH command (RFC 9051 §6.4.5), answered message by message and able to stop between
 * any two: when the client has not read what it was sent, the command pauses
 * ({@link Outcome.Paused}) and goes on later, holding only its current batch.
 *
 * <p>Messages are read in batches of {@code fetch-batch-size}: one query for their metadata, with
 * their summaries when ENVELOPE, BODYSTRUCTURE or a section needs them. Section octets are read
 * ahead in windows of at most {@code fetch-batch-bytes} (one query per window, a range asked for
 * twice read once): a window ends before the message that would not fit, and a message that alone
 * does not fit gets what fits read ahead, its other sections read one at a time when their turn
 * comes to be written ({@link FetchValue.Deferred}). A plain range (no header filter, no decoding)
 * over {@link #STREAM_THRESHOLD} streams a chunk at a time; a larger filtered or decoded section is
 * read whole, on its own, when written. So however many items a FETCH names, a session holds about
 * one window, not the gigabytes they may add up to. Messages of a batch small enough
 * ({@code fetch-head-bytes}, and their share of {@code fetch-batch-bytes}) come with their octets
 * (or, when only headers are asked for, their headers) in the metadata query: opening a message
 * costs one query, not two.
 *
 * <p>A BODY[...] or BINARY[...] without .PEEK sets \Seen (not in a read-only mailbox), and the
 * response then carries FLAGS. Messages expunged by another session but still in this client's
 * view cannot be answered: the command ends with NO [EXPUNGEISSUED] (RFC 9051 §7.1).
 */
final class FetchRun implements Outcome.Step {
    /** Sections up to this size may be read ahead with their window; plain ones above it stream. */
    static final long STREAM_THRESHOLD = 256 * 1024;
    private static final MessageFlags SEEN = MessageFlags.of(List.of("\\Seen"));

    private final FetchProcessor.Store store;
    private final MessageCommands.Fetch command;
    private final List<FetchItem> items;
    private final boolean setsSeen;
    private final boolean uidOnly;
    private final SummaryNeed need;
    /** Whether any item needs message octets; and whether headers of the whole message are all it needs. */
    private final boolean wantsOctets;
    private final boolean headersOnly;
    private final SelectedMailbox selected;
    private final boolean rev2;
    private final long[] uids;

    private int next;
    private Batch batch;
    private Window window;
    private boolean missing;
    private ObjectIds.Account objectIds;

    FetchRun(FetchProcessor.Store store, MessageCommands.Fetch command, SelectedMailbox selected, boolean rev2) {
        this(store, command, selected, rev2, null);
    }

    /** @param only the UIDs to answer among the command's set (CHANGEDSINCE), or null for all of them */
    FetchRun(FetchProcessor.Store store, MessageCommands.Fetch command, SelectedMailbox selected, boolean rev2,
            java.util.function.LongPredicate only) {
        this.store = store;
        this.command = command;
        List<FetchItem> wanted = new ArrayList<>(command.items());
        if (command.uid() && !wanted.contains(Attribute.UID)) {
            // RFC 9051 §6.4.9: every FETCH response of a UID command carries the UID
            wanted.add(0, Attribute.UID);
        }
        this.items = List.copyOf(wanted);
        // without the s right the implicit \Seen is silently not set (RFC 4314 §4, FETCH)
        this.setsSeen = !selected.readOnly() && selected.rights().has(io.mailplatform.store.acl.Right.SEEN) && items.stream().anyMatch(FetchItem::setsSeen);
        this.uidOnly = items.stream().allMatch(item -> item == Attribute.UID);
        this.need = SummaryNeed.of(items);
        this.wantsOctets = items.stream().anyMatch(FetchRun::readsOctets);
        this.headersOnly = items.stream().filter(FetchRun::readsOctets).allMatch(FetchRun::topLevelHeader);
        this.selected = selected;
        this.rev2 = rev2;
        long[] set = selected.uidsOf(selected.resolve(command.set(), command.uid()));
        this.uids = only == null ? set : Arrays.stream(set).filter(only).toArray();
    }

    @Override
    public Outcome run(Responder out) {
        while (next < uids.length) {
            if (out.congested()) {
                return new Outcome.Paused(this);
            }
            if (batch == null || next >= batch.to()) {
                window = null;
                batch = load(next);
            }
            if (window == null || next >= window.to()) {
                window = readAhead(next);
            }
            answer(uids[next], out);
            next++;
        }
        batch = null;
        window = null;
        if (missing && !command.uid()) {
            throw new ImapNoException(ResponseCode.EXPUNGEISSUED, "Some of the requested messages no longer exist");
        }
        return new Outcome.Done(Status.ok(command.tag(), (command.uid() ? "UID " : "") + "FETCH completed"));
    }

    private static boolean readsOctets(FetchItem item) {
        return item instanceof BodySection || item instanceof BinarySection
                || (item instanceof BinarySize size && !size.part().isEmpty());
    }

    private static boolean topLevelHeader(FetchItem item) {
        return item instanceof BodySection body && body.section().part().isEmpty()
                && switch (body.section().text()) {
                    case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> true;
                    default -> false;
                };
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

    /**
     * Metadata, summaries and located sections of {@code uids[from, to)}.
     *
     * @param targets per UID, per item: a {@link Read}, a {@link SectionLocator.Missing} or null
     */
    private record Batch(int to, Map<Long, MessageMeta> metas, Map<Long, MessageSummary> summaries,
            Map<Long, ImapEnvelope> envelopes, Map<Long, List<Object>> targets, Set<Long> seenNow,
            Map<Long, String> previews, Map<Long, byte[]> heads) {
    }

    /**
     * The octets read ahead for {@code uids[.., to)}, by range, the reads (items, by identity) whose
     * values are built from them at once, and the UIDs whose octets were gone when read (expunged by
     * another session since their metadata was read).
     */
    private record Window(int to, Map<Slice, byte[]> octets, Set<Read> taken, Set<Long> gone) {
        boolean takes(Read read) {
            return taken.contains(read);
        }

        /** The octets of a read if the window holds its range, else null. */
        byte[] octetsOf(Read read) {
            return octets.get(read.slice());
        }
    }

    /** Octets to read for an item, with what to do with them once read. */
    record Read(long uid, long offset, long length, Partial partial, SectionLocator.FilteredHeader filter,
            BodyPart binaryPart) {

        /** Sent as stored: its length is known before reading. */
        boolean plain() {
            return partial == null && filter == null && binaryPart == null;
        }

        Slice slice() {
            return new Slice(uid, offset, length);
        }

        /** At most what it holds once read and encoded (decoding a text part may turn LF into CRLF). */
        long cost() {
            return binaryPart == null ? length : 2 * length;
        }

        /** Whether it streams a chunk at a time rather than being read ahead or read whole. */
        boolean streams() {
            return length > STREAM_THRESHOLD && plain();
        }

        boolean readAhead() {
            return length <= STREAM_THRESHOLD;
        }
    }

    /**
     * Which reads of consecutive messages one window takes: whole messages while their reads fit in
     * {@code budget} (the first one at least in part), in order.
     *
     * @param reads per message, the costs of its reads that may be read ahead
     * @return how many messages the window covers and, per read of the first, whether it is read ahead
     */
    static Plan plan(List<long[]> reads, long budget) {
        long used = 0;
        int messages = 0;
        boolean[] firstTaken = new boolean[reads.isEmpty() ? 0 : reads.get(0).length];
        for (long[] costs : reads) {
            long cost = Arrays.stream(costs).sum();
            if (used + cost <= budget) {
                if (messages == 0) {
                    Arrays.fill(firstTaken, true);
                }
                used += cost;
                messages++;
                continue;
            }
            if (messages == 0) {
                // alone too large: what fits is read ahead, the rest when its turn comes
                for (int i = 0; i < costs.length; i++) {
                    if (used + costs[i] <= budget) {
                        used += costs[i];
                        firstTaken[i] = true;
                    }
                }
                messages = 1;
            }
            break;
        }
        return new Plan(messages, firstTaken);
    }

    /** @param firstTaken per read of the window's first message, whether it is read ahead */
    record Plan(int messages, boolean[] firstTaken) {
    }

    private Batch load(int from) {
        long[] batchUids = Arrays.copyOfRange(uids, from, Math.min(uids.length, from + store.batchSize()));
        Mailbox mailbox = selected.mailbox();
        Set<Long> seenNow = new HashSet<>();
        if (setsSeen) {
            List<MessageMeta> changed = store.mailboxes().setFlags(mailbox, Arrays.stream(batchUids).boxed().toList(),
                    FlagMode.ADD, SEEN);
            selected.reportedOwnChanges(changed);
            changed.forEach(meta -> seenNow.add(meta.uid()));
        }
        Map<Long, MessageMeta> metas = new LinkedHashMap<>();
        Map<Long, MessageSummary> summaryOf = new HashMap<>();
        Map<Long, ImapEnvelope> envelopeOf = new HashMap<>();
        Map<Long, byte[]> heads = new HashMap<>();
        Head head = wantsOctets && store.headBytes() > 0
                ? new Head(headersOnly, (int) Math.min(store.headBytes(), store.batchBytes() / batchUids.length))
                : null;
        // metadata, summaries and heads in one query: a message is there with all of them or not at all; none when
        // the session remembers the messages and the content cache knows their contents
        MessageSummaries.Memory memory = selected.memory(store.index());
        switch (need) {
            case NONE -> {
                if (head == null) {
                    store.index().metas(mailbox, batchUids, memory).forEach(meta -> metas.put(meta.uid(), meta));
                } else {
                    store.summaries().withHeads(mailbox, batchUids, head, memory).forEach(read -> {
                        metas.put(read.meta().uid(), read.meta());
                        heads.put(read.meta().uid(), read.head());
                    });
                }
            }
            case ENVELOPE -> store.summaries().withEnvelopes(mailbox, batchUids, head, memory).forEach(read -> {
                metas.put(read.meta().uid(), read.meta());
                envelopeOf.put(read.meta().uid(), read.summary());
                heads.put(read.meta().uid(), read.head());
            });
            case SUMMARY -> store.summaries().withSummaries(mailbox, batchUids, head, memory).forEach(read -> {
                metas.put(read.meta().uid(), read.meta());
                summaryOf.put(read.meta().uid(), read.summary());
                heads.put(read.meta().uid(), read.head());
            });
        }
        Map<Long, List<Object>> targets = new HashMap<>();
        for (MessageMeta meta : metas.values()) {
            List<Object> located = new ArrayList<>(items.size());
            for (FetchItem item : items) {
                located.add(target(item, meta, summaryOf.get(meta.uid())));
            }
            targets.put(meta.uid(), located);
        }
        Map<Long, String> previews = Map.of();
        if (items.stream().anyMatch(item -> item instanceof FetchItem.Preview)) {
            // PREVIEW (LAZY) alone takes what the store holds; PREVIEW computes what it does not
            boolean compute = items.stream().anyMatch(item -> item instanceof FetchItem.Preview preview && !preview.lazy());
            previews = store.previews().previews(mailbox, batchUids, compute);
        }
        return new Batch(from + batchUids.length, metas, summaryOf, envelopeOf, targets, seenNow, previews, heads);
    }

    /** Reads ahead, in one query, the sections of the messages from {@code from} that fit in the budget. */
    private Window readAhead(int from) {
        List<List<Read>> candidates = new ArrayList<>();
        List<long[]> costs = new ArrayList<>();
        for (int i = from; i < batch.to(); i++) {
            List<Read> reads = new ArrayList<>();
            List<Object> targets = batch.targets().get(uids[i]);
            if (targets != null) {
                for (Object target : targets) {
                    if (target instanceof Read read && read.readAhead()) {
                        reads.add(read);
                    }
                }
            }
            candidates.add(reads);
            costs.add(reads.stream().mapToLong(Read::cost).toArray());
        }
        Plan plan = plan(costs, store.batchBytes());
        Set<Read> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Slice> wanted = new LinkedHashSet<>();
        Map<Slice, byte[]> octets = new HashMap<>();
        for (int m = 0; m < plan.messages(); m++) {
            List<Read> reads = candidates.get(m);
            for (int r = 0; r < reads.size(); r++) {
                if (m > 0 || plan.firstTaken()[r]) {
                    Read one = reads.get(r);
                    taken.add(one);
                    byte[] cut = cut(batch.heads().get(one.uid()), batch.metas().get(one.uid()).size(), one.slice());
                    if (cut != null) {
                        octets.put(one.slice(), cut);
                    } else {
                        wanted.add(one.slice());
                    }
                }
            }
        }
        List<Slice> slices = List.copyOf(wanted);
        List<byte[]> read = slices.isEmpty() ? List.of() : store.contents().read(selected.mailbox(), slices);
        Set<Long> gone = new HashSet<>();
        for (int i = 0; i < slices.size(); i++) {
            if (read.get(i) == null) {
                gone.add(slices.get(i).uid());
            }
            octets.put(slices.get(i), read.get(i) == null ? new byte[0] : read.get(i));
        }
        return new Window(from + plan.messages(), octets, taken, gone);
    }

    /**
     * A slice's octets cut from a message's head, like {@link io.mailplatform.store.mailbox.MessageContents#read}
     * would (nothing past the message's end); null when the head does not hold all of them.
     *
     * @param head the message's first octets, or null
     * @param size the message's size
     */
    static byte[] cut(byte[] head, long size, Slice slice) {
        if (head == null) {
            return null;
        }
        long end = Math.min(size, slice.offset() + slice.length());
        if (end > head.length) {
            return null;
        }
        int start = (int) Math.min(slice.offset(), end);
        return Arrays.copyOfRange(head, start, (int) end);
    }

    private void answer(long uid, Responder out) {
        MessageMeta meta = batch.metas().get(uid);
        if (meta == null) {
            // expunged by another session, not yet reported: the UID is still known here (RFC 2180 §4.1)
            if (uidOnly) {
                out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), List.of(new FetchValue.Uid(uid))));
            } else {
                missing = true;
            }
            return;
        }
        List<Object> targets = batch.targets().get(uid);
        if (window.gone().contains(uid)) {
            // expunged after its metadata was read: its octets are not there to send (RFC 2180 §4.1)
            missing = true;
            return;
        }
        if (targets.stream().anyMatch(target -> target instanceof Read read && !window.takes(read))
                && store.index().metas(selected.mailbox(), new long[] {uid}).isEmpty()) {
            // expunged while earlier messages were written: answer as for any message gone rather
            // than start a literal that would be cut (and the connection with it)
            missing = true;
            return;
        }
        List<FetchValue> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            values.add(value(items.get(i), targets.get(i), meta, out));
        }
        if (batch.seenNow().contains(uid) && !items.contains(Attribute.FLAGS)) {
            values.add(new FetchValue.Flags(selected.flags(meta, rev2, out)));
        }
        out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), values));
    }

    /** Locates a section or BINARY part of one message; null for items without octets. */
    private static Object target(FetchItem item, MessageMeta meta, MessageSummary summary) {
        if (item instanceof BodySection body) {
            SectionLocator.Target target = summary == null
                    ? new SectionLocator.Range(0, meta.size())
                    : SectionLocator.locate(body.section(), summary, meta);
            if (target instanceof SectionLocator.Missing) {
                return target;
            }
            if (target instanceof SectionLocator.FilteredHeader filtered) {
                return new Read(meta.uid(), filtered.range().offset(), filtered.range().length(), body.partial(), filtered,
                        null);
            }
            return plainRead(meta.uid(), (SectionLocator.Range) target, body.partial());
        }
        if (item instanceof BinarySection binary) {
            return binaryRead(meta, summary, binary.part(), binary.partial());
        }
        if (item instanceof BinarySize size) {
            // the whole message is sent as stored: its size is known without reading it
            return size.part().isEmpty() ? null : binaryRead(meta, summary, size.part(), null);
        }
        return null;
    }

    private static Object binaryRead(MessageMeta meta, MessageSummary summary, List<Integer> part, Partial partial) {
        if (part.isEmpty()) {
            // the whole message has no content transfer encoding to remove: octets as stored
            return plainRead(meta.uid(), new SectionLocator.Range(0, meta.size()), partial);
        }
        BodyPart leaf = SectionLocator.binaryPart(part, summary);
        if (leaf == null) {
            BodyPart found = summary.body().part(part.stream().mapToInt(Integer::intValue).toArray());
            if (found != null && found.isEncapsulatedMessage()) {
                // a message/rfc822 part has no transfer encoding of its own to undo (RFC 2046 §5.2.1)
                return plainRead(meta.uid(), SectionLocator.bodyOf(found, meta), partial);
            }
            if (found != null) {
                throw new ImapNoException(ResponseCode.CANNOT, "BINARY applies to leaf and message parts, not multipart ones");
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

    private FetchValue value(FetchItem item, Object target, MessageMeta meta, Responder out) {
        if (item instanceof Attribute attribute) {
            return attribute(attribute, meta, out);
        }
        if (item instanceof FetchItem.Preview) {
            return new FetchValue.Preview(batch.previews().get(meta.uid()));
        }
        if (item instanceof BinarySize size && size.part().isEmpty()) {
            return new FetchValue.BinarySize(size.responseName(), meta.size());
        }
        if (!(target instanceof Read read)) {
            return section(item, null, null);
        }
        if (window.takes(read)) {
            return section(item, read, window.octetsOf(read));
        }
        Mailbox mailbox = selected.mailbox();
        if (read.streams()) {
            String name = item instanceof BinarySection binary ? binary.responseName()
                    : ((BodySection) item).responseName();
            // one short query per chunk: no connection is held while the client reads
            return new FetchValue.StreamedSection(name, read.length(), item instanceof BinarySection,
                    (offset, length) -> store.contents().read(mailbox,
                            List.of(new Slice(read.uid(), read.offset() + offset, length))).get(0));
        }
        if (read.binaryPart() != null && !BinaryContent.decodable(read.binaryPart())) {
            throw unknownEncoding(read.binaryPart());
        }
        // octets the window holds anyway (the same range asked for again) are not read again
        byte[] held = window.octetsOf(read);
        return new FetchValue.Deferred(() -> section(item, read, held != null ? held : readAlone(read, mailbox)));
    }

    /** The account's object ids (RFC 8474), its salt read once per command and only when asked for. */
    private ObjectIds.Account objectIds() {
        if (objectIds == null) {
            objectIds = store.objectIds().of(selected.mailbox().accountId());
        }
        return objectIds;
    }

    private FetchValue attribute(Attribute attribute, MessageMeta meta, Responder out) {
        switch (attribute) {
            case FLAGS:
                // any new keyword is announced here, before this message's FETCH response is begun
                return new FetchValue.Flags(selected.flags(meta, rev2, out));
            case UID:
                return new FetchValue.Uid(meta.uid());
            case MODSEQ:
                return new FetchValue.ModSeq(meta.modSeq());
            case INTERNALDATE:
                return new FetchValue.InternalDate(meta.internalDate());
            case SAVEDATE:
                return new FetchValue.SaveDate(meta.saveDate());
            case EMAILID:
                return new FetchValue.ObjectId("EMAILID", objectIds().emailId(meta.contentId()));
            case THREADID:
                return new FetchValue.ObjectId("THREADID", objectIds().threadId(meta.threadId()));
            case RFC822_SIZE:
                return new FetchValue.Size(meta.size());
            case ENVELOPE:
                ImapEnvelope envelope = batch.envelopes().get(meta.uid());
                return new FetchValue.Envelope(envelope != null ? envelope : batch.summaries().get(meta.uid()).envelope());
            case BODY:
                return new FetchValue.BodyStructure(batch.summaries().get(meta.uid()).body(), false);
            default:
                return new FetchValue.BodyStructure(batch.summaries().get(meta.uid()).body(), true);
        }
    }

    /**
     * A section or BINARY value from its octets: filtered, decoded and cut to its partial range as
     * the item asks; {@code content} is null where the message has no such part (NIL).
     */
    private static FetchValue section(FetchItem item, Read read, byte[] content) {
        if (item instanceof BodySection body) {
            if (content != null && read.filter() != null) {
                content = HeaderFilter.filter(content, read.filter().fields(), read.filter().exclude());
                content = partial(content, read.partial());
            }
            return new FetchValue.Section(body.responseName(), content);
        }
        if (content != null && read.binaryPart() != null) {
            content = BinaryContent.decode(read.binaryPart(), content).orElseThrow(() -> unknownEncoding(read.binaryPart()));
        }
        if (item instanceof BinarySize size) {
            return new FetchValue.BinarySize(size.responseName(), content == null ? 0 : content.length);
        }
        BinarySection binary = (BinarySection) item;
        return new FetchValue.Binary(binary.responseName(), content == null ? null : partial(content, read.partial()));
    }

    private static ImapNoException unknownEncoding(BodyPart part) {
        return new ImapNoException(ResponseCode.UNKNOWN_CTE, "Unknown Content-Transfer-Encoding " + part.encoding());
    }

    /** One section's octets, read when its turn has come; empty if the message is gone meanwhile. */
    private byte[] readAlone(Read read, Mailbox mailbox) {
        byte[] content = store.contents().read(mailbox, List.of(read.slice())).get(0);
        return content == null ? new byte[0] : content;
    }

    private static byte[] partial(byte[] content, Partial partial) {
        if (partial == null) {
            return content;
        }
        int start = (int) partial.start(content.length);
        return Arrays.copyOfRange(content, start, start + (int) partial.length(content.length));
    }
}
