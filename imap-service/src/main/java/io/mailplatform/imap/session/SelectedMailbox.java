package io.mailplatform.imap.session;

import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.response.FetchValue;
import io.mailplatform.imap.response.ImapByeException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.store.acl.FlagRights;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.acl.Rights;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMemory;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The selected mailbox as this client knows it: the UID of each message sequence number, the
 * MODSEQ the view reflects, and changes found in the store but not reported yet.
 *
 * <p>The view changes only in {@link #sync}, which runs after a command's own work: new messages
 * are announced with EXISTS, flag changes by others with FETCH, and expunges with EXPUNGE, the
 * latter held back while a FETCH, STORE or SEARCH runs (RFC 9051 §7.5.1) and kept in the view
 * until then, so the client's message numbers stay right. Mailbox events only make sync happen
 * sooner. After an ordinary command sync skips the store while this process knows the mailbox has
 * not moved ({@code KnownModSeqs}: at most a second after a read, and only as long as no event or
 * write of another kind came); NOOP, CHECK and IDLE always read it, so a lost event loses nothing.
 *
 * <p>Keywords are announced before they are used (RFC 9051 §7.3.5, RFC 3501 §7.2.6: the client
 * keeps its flag list from FLAGS): SELECT lists the account's keywords, and a FETCH FLAGS that
 * carries one the client has not been told of (set by another session since, or by delivery) is
 * preceded by a new FLAGS and, read-write, PERMANENTFLAGS response. The list only grows while the
 * mailbox stays selected, so no keyword a message still carries ever drops out of it.
 */
public final class SelectedMailbox {
    /** The system flags of RFC 9051 §2.3.2 a client may set (\Recent is the server's). */
    static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    private final Mailbox mailbox;
    private final boolean readOnly;
    private final UidList uids;
    private long modSeq;
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    private final RecentRanges recent = new RecentRanges();
    /** \Recent UIDs this session claimed with an APPEND, {@code (low, high]}, for the next sync; null if none. */
    private long[] claimedByAppend;
    /** UID to MODSEQ of flag changes this session made and reported itself. */
    private final Map<Long, Long> ownChanges = new HashMap<>();
    private long[] savedSearch = new long[0];
    /** The keywords announced to the client with FLAGS, in the order announced. */
    private final Set<String> keywords = new LinkedHashSet<>();
    /** Whether the sync after the current command must read the store ({@link #wrote}). */
    private enum Freshness {
        /** A command runs and has written nothing yet. */
        UNKNOWN,
        /** Every write of the command took the MODSEQ right after the view's: nothing else changed. */
        OWN_ONLY,
        /** Read the store: no command runs, or someone else may have changed the mailbox. */
        READ
    }

    private Freshness freshness = Freshness.READ;
    /** CONDSTORE enabled: FETCH responses with FLAGS carry MODSEQ (RFC 7162 §3.1.4). */
    private boolean condstore;
    /** QRESYNC enabled: expunges are reported with VANISHED (RFC 7162 §3.2.10). */
    private boolean qresync;
    /** What this session's writes during the current command changed: new messages, new flags. */
    private final List<MessageMeta> ownWrites = new ArrayList<>();
    /** The account's rights on the mailbox (RFC 4314), as last read: all of them on its own. */
    private Rights rights = Rights.ALL;
    /** What FETCH read of the messages, kept up to date with the changes sync reports. */
    private final MessageMemory remembered = new MessageMemory();

    /**
     * @param recentAbove UIDs above this one are \Recent in this session (-1: none, IMAP4rev2)
     */
    public SelectedMailbox(MessageIndex.Snapshot snapshot, boolean readOnly, long recentAbove) {
        this.mailbox = snapshot.mailbox();
        this.readOnly = readOnly;
        this.uids = new UidList(snapshot.uids());
        this.modSeq = snapshot.mailbox().highestModSeq();
        this.keywords.addAll(snapshot.keywords());
        if (recentAbove >= 0) {
            recent.add(recentAbove, uids.last());
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public Rights rights() {
        return rights;
    }

    /** The rights as re-read before a command (the owner may change them while the mailbox is selected). */
    public void rights(Rights rights) {
        this.rights = rights;
    }

    /** How the session reports changes: with MODSEQ (CONDSTORE), with VANISHED (QRESYNC). */
    public void extensions(boolean condstore, boolean qresync) {
        this.condstore = condstore;
        this.qresync = qresync;
    }

    /** Whether FETCH responses that carry FLAGS carry MODSEQ too. */
    public boolean condstore() {
        return condstore;
    }

    /** The MODSEQ the client's view reflects: its HIGHESTMODSEQ (RFC 7162 §3.1.2.1). */
    public long modSeq() {
        return modSeq;
    }

    /** The number of messages the client knows of. */
    public int exists() {
        return uids.size();
    }

    public long uidAt(int msn) {
        return uids.uidAt(msn);
    }

    /** The sequence number of a UID in the client's view, 0 if absent. */
    public int msnOf(long uid) {
        return uids.msnOf(uid);
    }

    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    public int recentCount() {
        return recent.count(uids);
    }

    /** The FLAGS response: the system flags and every keyword announced so far. */
    public ImapResponse.Flags flagsResponse() {
        List<String> flags = new ArrayList<>(SYSTEM_FLAGS);
        flags.addAll(keywords);
        return new ImapResponse.Flags(flags);
    }

    /**
     * The PERMANENTFLAGS response: none in a read-only mailbox (RFC 9051 §6.3.3); otherwise the
     * system flags, the keywords announced and \* (clients may create keywords), those the rights
     * allow in another account's mailbox (RFC 4314 §4: \Seen needs s, \Deleted t, the rest w).
     */
    public ImapResponse.Status permanentFlagsResponse() {
        if (readOnly) {
            return ImapResponse.Status.ok(null, ResponseCode.permanentFlags(List.of()), "No permanent flags permitted");
        }
        List<String> flags = new ArrayList<>();
        for (String flag : SYSTEM_FLAGS) {
            if (rights.set().containsAll(FlagRights.needed(MessageFlags.of(List.of(flag))))) {
                flags.add(flag);
            }
        }
        if (rights.has(Right.WRITE)) {
            flags.addAll(keywords);
            flags.add("\\*");
        }
        return ImapResponse.Status.ok(null, ResponseCode.permanentFlags(flags), "Flags permitted");
    }

    /**
     * Flag names for a FETCH response: the stored flags, plus \Recent for IMAP4rev1. Keywords the
     * client has not been told of yet are announced first, through {@code out}, so the caller must
     * not have begun writing the FETCH response.
     */
    public List<String> flags(MessageMeta meta, boolean rev2, Responder out) {
        announce(meta.flags().keywords(), out);
        List<String> names = new ArrayList<>(meta.flags().names());
        if (!rev2 && recent.contains(meta.uid())) {
            names.add("\\Recent");
        }
        return names;
    }

    /** Sends FLAGS (and, read-write, PERMANENTFLAGS) when some of {@code used} were never announced. */
    private void announce(Set<String> used, Responder out) {
        if (keywords.containsAll(used)) {
            return;
        }
        used.stream().filter(keyword -> !keywords.contains(keyword)).sorted().forEach(keywords::add);
        out.untagged(flagsResponse());
        if (!readOnly) {
            out.untagged(permanentFlagsResponse());
        }
    }

    /**
     * Resolves a sequence set against the view, to 0-based indexes.
     *
     * @throws ImapSyntaxException for a message number that does not exist (RFC 9051 §9 {@code seq-number})
     */
    public BitSet resolve(SequenceSet set, boolean byUid) {
        return resolve(set, byUid, true);
    }

    /**
     * Resolves a sequence set; with {@code strict} false, message numbers beyond the mailbox name
     * no message instead of being an error (a SEARCH key is a criterion, not a reference: RFC 9051
     * §6.4.9 searches "1:100" whatever the mailbox holds).
     */
    public BitSet resolve(SequenceSet set, boolean byUid, boolean strict) {
        BitSet indexes = new BitSet(uids.size());
        if (set.savedResult()) {
            for (long uid : savedSearch) {
                int msn = uids.msnOf(uid);
                if (msn > 0) {
                    indexes.set(msn - 1);
                }
            }
            return indexes;
        }
        for (SequenceSet.Range range : set.ranges()) {
            if (byUid) {
                if (uids.isEmpty()) {
                    continue;
                }
                long a = range.first() == SequenceSet.STAR ? uids.last() : range.first();
                long b = range.last() == SequenceSet.STAR ? uids.last() : range.last();
                int from = uids.lowerBound(Math.min(a, b));
                int to = uids.lowerBound(Math.max(a, b) + 1);
                if (to > from) {
                    indexes.set(from, to);
                }
            } else {
                if (uids.isEmpty() && (range.first() == SequenceSet.STAR || range.last() == SequenceSet.STAR)) {
                    continue; // "*" in an empty mailbox names no message; explicit numbers are checked
                }
                if (!strict) {
                    long a = range.first() == SequenceSet.STAR ? uids.size() : range.first();
                    long b = range.last() == SequenceSet.STAR ? uids.size() : range.last();
                    long low = Math.min(a, b);
                    long high = Math.min(Math.max(a, b), uids.size());
                    if (low <= high) {
                        indexes.set((int) low - 1, (int) high);
                    }
                    continue;
                }
                long a = msn(range.first());
                long b = msn(range.last());
                indexes.set((int) Math.min(a, b) - 1, (int) Math.max(a, b));
            }
        }
        return indexes;
    }

    private long msn(long number) {
        long msn = number == SequenceSet.STAR ? uids.size() : number;
        if (msn < 1 || msn > uids.size()) {
            throw new ImapSyntaxException(uids.isEmpty() ? "The mailbox is empty" : "Invalid message sequence number "
                    + (number == SequenceSet.STAR ? "*" : Long.toString(number)) + " (the mailbox has " + uids.size()
                    + " messages)");
        }
        return msn;
    }

    /** The \Recent UIDs as inclusive ranges, pairs of first and last (empty for IMAP4rev2 sessions). */
    public long[] recentUidRanges() {
        return recent.inclusiveRanges();
    }

    /** Resolved indexes as inclusive UID ranges (pairs), one per run of consecutive message numbers. */
    public long[] uidRanges(BitSet indexes) {
        List<Long> ranges = new ArrayList<>();
        int start = indexes.nextSetBit(0);
        while (start >= 0) {
            int end = indexes.nextClearBit(start) - 1;
            ranges.add(uids.uidAt(start + 1));
            ranges.add(uids.uidAt(end + 1));
            start = indexes.nextSetBit(end + 1);
        }
        return ranges.stream().mapToLong(Long::longValue).toArray();
    }

    /** The UIDs of resolved indexes, ascending. */
    public long[] uidsOf(BitSet indexes) {
        long[] result = new long[indexes.cardinality()];
        int i = 0;
        for (int index = indexes.nextSetBit(0); index >= 0; index = indexes.nextSetBit(index + 1)) {
            result[i++] = uids.uidAt(index + 1);
        }
        return result;
    }

    /** Remembers a SEARCH result for "$" (RFC 9051 §6.4.4.1), as UIDs, so expunges drop out by themselves. */
    public void saveSearch(long[] matchingUids) {
        savedSearch = matchingUids.clone();
    }

    /** Records flag changes this session reported itself, so sync does not report them again. */
    public void reportedOwnChanges(List<MessageMeta> changed) {
        for (MessageMeta meta : changed) {
            ownChanges.put(meta.uid(), meta.modSeq());
            remembered.changed(meta);
        }
    }

    /**
     * What this session read of its messages, for reads of the store ({@link MessageSummaries.Memory}): it answers
     * only while this process knows the mailbox has not moved since the view's MODSEQ ({@code index}), since
     * every change up to that MODSEQ has been applied to it, and no later one can have come.
     */
    public MessageSummaries.Memory memory(MessageIndex index) {
        return new MessageSummaries.Memory() {
            @Override
            public List<MessageSummaries.Remembered> recall(long[] wanted) {
                return index.unchangedSince(mailbox, modSeq) ? remembered.recall(wanted) : null;
            }

            @Override
            public void remember(MessageSummaries.Remembered read) {
                remembered.remember(read);
            }
        };
    }

    /** A command begins: whether the store must be read at its end is decided afresh. */
    public void commandStarts() {
        ownWrites.clear();
        freshness = Freshness.UNKNOWN;
    }

    /**
     * This session's command wrote to the mailbox and took MODSEQ {@code writeModSeq}, changing
     * {@code changed} (messages with new flags, or new messages). If the view was at the MODSEQ just
     * before (and every earlier write of the command was such a write too), that write is the only
     * change since, and the sync after the command uses it instead of reading the store; changes
     * others make later are reported after the next command, as if they had come a moment later.
     */
    public void wrote(long writeModSeq, List<MessageMeta> changed) {
        ownWrites.addAll(changed);
        if (freshness != Freshness.READ && writeModSeq == modSeq + 1) {
            modSeq = writeModSeq;
            freshness = Freshness.OWN_ONLY;
        } else {
            freshness = Freshness.READ;
        }
    }

    /**
     * This session's APPEND claimed the \Recent UIDs above {@code exclusiveLow} up to {@code inclusiveHigh}
     * ({@link MessageIndex#claimRecent} done in the append's statement): the next sync need not claim them.
     */
    public void claimedRecent(long exclusiveLow, long inclusiveHigh) {
        claimedByAppend = new long[] {exclusiveLow, inclusiveHigh};
    }

    /** Records UIDs this session expunged; sync reports them (an EXPUNGE or MOVE reports at once). */
    public void expunged(List<Long> expungedUids) {
        for (long uid : expungedUids) {
            remembered.expunged(uid);
            if (uids.msnOf(uid) > 0) {
                pendingExpunges.add(uid);
            }
        }
    }

    /**
     * Brings the view up to date with the store and reports the differences: EXPUNGE (only when
     * {@code allowExpunge}), EXISTS and RECENT, then FETCH with the flags others changed.
     *
     * @param rev2 IMAP4rev2 session: no RECENT, no \Recent
     * @return how many new messages EXISTS announced (the last ones of the view)
     * @throws ImapByeException if the mailbox was deleted
     */
    public int sync(MessageIndex index, Responder out, boolean allowExpunge, boolean rev2) {
        return sync(index, out, allowExpunge, rev2, true);
    }

    /**
     * {@link #sync(MessageIndex, Responder, boolean, boolean)}; with {@code askedForNews} false (the
     * report after an ordinary command) the store is not read when this process knows the mailbox
     * has not moved since the view's MODSEQ ({@link MessageIndex#changesIfMoved}).
     */
    public int sync(MessageIndex index, Responder out, boolean allowExpunge, boolean rev2, boolean askedForNews) {
        MessageIndex.Changes changes;
        // the session's own writes of this command first; what the store says about a message wins
        Map<Long, MessageMeta> changed = new TreeMap<>();
        ownWrites.forEach(meta -> changed.put(meta.uid(), meta));
        if (freshness == Freshness.OWN_ONLY) {
            changes = new MessageIndex.Changes(modSeq, new ArrayList<>(changed.values()), new long[0]);
        } else {
            MessageIndex.Changes read = (askedForNews ? index.changesSince(mailbox, modSeq)
                    : index.changesIfMoved(mailbox, modSeq))
                    .orElseThrow(() -> new ImapByeException("The selected mailbox was deleted"));
            read.changed().forEach(meta -> changed.put(meta.uid(), meta));
            changes = new MessageIndex.Changes(read.highestModSeq(), new ArrayList<>(changed.values()), read.expunged(),
                    read.recentUid());
        }
        ownWrites.clear();
        freshness = Freshness.READ;
        long last = uids.last();
        List<Long> added = new ArrayList<>();
        List<MessageMeta> flagChanges = new ArrayList<>();
        for (MessageMeta meta : changes.changed()) {
            remembered.changed(meta);
            if (meta.uid() > last) {
                added.add(meta.uid());
            } else if (uids.msnOf(meta.uid()) > 0 && !pendingExpunges.contains(meta.uid())
                    && !Long.valueOf(meta.modSeq()).equals(ownChanges.get(meta.uid()))) {
                flagChanges.add(meta);
            }
        }
        for (long uid : changes.expunged()) {
            remembered.expunged(uid);
            if (uids.msnOf(uid) > 0) {
                pendingExpunges.add(uid);
            }
        }
        modSeq = Math.max(modSeq, changes.highestModSeq());
        ownChanges.values().removeIf(changeModSeq -> changeModSeq <= modSeq);

        if (allowExpunge) {
            reportExpunges(out);
        }
        if (!added.isEmpty()) {
            long[] newUids = added.stream().mapToLong(Long::longValue).toArray();
            uids.append(newUids);
            if (!rev2) {
                claimRecent(index, last, newUids[newUids.length - 1], changes.recentUid());
            }
            out.untagged(new ImapResponse.Exists(uids.size()));
            if (!rev2) {
                out.untagged(new ImapResponse.Recent(recentCount()));
            }
        }
        claimedByAppend = null;
        for (MessageMeta meta : flagChanges) {
            reportFlags(meta, rev2, out);
        }
        return added.size();
    }

    /**
     * Claims the \Recent UIDs above the view's {@code last} up to {@code newLast}, unless an APPEND did,
     * or the mark read with the changes ({@code recentMark}) shows another session has: then no claim,
     * which would lock the mailbox row behind its writers, is made.
     */
    private void claimRecent(MessageIndex index, long last, long newLast, long recentMark) {
        long claimedUpTo = last;
        if (claimedByAppend != null) {
            recent.add(Math.max(last, claimedByAppend[0]), claimedByAppend[1]);
            claimedUpTo = Math.max(last, claimedByAppend[1]);
            claimedByAppend = null;
        }
        if (newLast > claimedUpTo) {
            long claimedAbove = readOnly ? claimedUpTo
                    : Math.max(claimedUpTo, recentMark >= newLast ? recentMark : index.claimRecent(mailbox, newLast));
            recent.add(claimedAbove, newLast);
        }
    }

    /** An unsolicited FETCH with a message's UID, flags and, under CONDSTORE, MODSEQ. */
    public void reportFlags(MessageMeta meta, boolean rev2, Responder out) {
        List<FetchValue> values = new ArrayList<>(List.of(new FetchValue.Uid(meta.uid()),
                new FetchValue.Flags(flags(meta, rev2, out))));
        if (condstore) {
            values.add(new FetchValue.ModSeq(meta.modSeq()));
        }
        out.untagged(new ImapResponse.Fetch(uids.msnOf(meta.uid()), values));
    }

    /**
     * Reports pending expunges: one VANISHED with their UIDs under QRESYNC, else EXPUNGE responses,
     * highest number first so each EXPUNGE's number is right as sent.
     */
    private void reportExpunges(Responder out) {
        if (pendingExpunges.isEmpty()) {
            return;
        }
        long[] gone = pendingExpunges.stream().mapToLong(Long::longValue).toArray();
        if (qresync) {
            out.untagged(new ImapResponse.Vanished(false, UidSets.format(gone)));
        } else {
            for (int i = gone.length - 1; i >= 0; i--) {
                out.untagged(new ImapResponse.Expunge(uids.msnOf(gone[i])));
            }
        }
        uids.removeAll(gone);
        pendingExpunges.clear();
        if (savedSearch.length > 0) {
            savedSearch = Arrays.stream(savedSearch).filter(uid -> Arrays.binarySearch(gone, uid) < 0).toArray();
        }
    }

    /** Whether a message is known to be expunged but not yet reported. */
    public boolean isPendingExpunge(long uid) {
        return pendingExpunges.contains(uid);
    }
}
