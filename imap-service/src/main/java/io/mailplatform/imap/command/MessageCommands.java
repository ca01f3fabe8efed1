package io.mailplatform.imap.command;

import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.search.SearchKey;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.search.SortCriterion;
import java.util.List;

/** Commands of the selected state (RFC 9051 §6.4, RFC 3501 §6.4.1 CHECK), each with its UID form. */
public final class MessageCommands {
    private MessageCommands() {
    }

    /** CHECK (RFC 3501 §6.4.1; removed in RFC 9051, answered like NOOP). */
    public record Check(String tag) implements ImapCommand {
    }

    public record Close(String tag) implements ImapCommand {
    }

    public record Unselect(String tag) implements ImapCommand {
    }

    /**
     * EXPUNGE, or UID EXPUNGE (RFC 4315) when {@code uids} is given.
     *
     * @param uids the UID set of UID EXPUNGE, or null for plain EXPUNGE
     */
    public record Expunge(String tag, SequenceSet uids) implements ImapCommand {
    }

    /** SEARCH result options (RFC 9051 §6.4.4, RFC 4731 ESEARCH, RFC 5182 SEARCHRES). */
    public enum SearchReturn {
        MIN, MAX, ALL, COUNT, SAVE
    }

    /**
     * SEARCH or UID SEARCH.
     *
     * @param returns the RETURN options, or null when absent (then IMAP4rev1 answers with SEARCH,
     *        IMAP4rev2 with ESEARCH ALL); an empty list means ALL
     * @param charset the CHARSET argument, or null
     * @param key the criteria; several top-level keys are an {@link SearchKey.And}
     */
    public record Search(String tag, boolean uid, List<SearchReturn> returns, String charset, SearchKey key)
            implements ImapCommand {
        public Search {
            returns = returns == null ? null : List.copyOf(returns);
        }
    }

    /**
     * SORT or UID SORT (RFC 5256 §3), with ESORT result options (RFC 5267 §3.2).
     *
     * @param returns the RETURN options, or null when absent (then the answer is a SORT response);
     *        an empty list means ALL
     * @param criteria the sort criteria, at least one
     * @param charset the charset of the search criteria, required by RFC 5256
     * @param key the search criteria; several top-level keys are an {@link SearchKey.And}
     */
    public record Sort(String tag, boolean uid, List<SearchReturn> returns, List<SortCriterion> criteria, String charset,
            SearchKey key) implements ImapCommand {
        public Sort {
            returns = returns == null ? null : List.copyOf(returns);
            criteria = List.copyOf(criteria);
        }
    }

    /**
     * THREAD or UID THREAD (RFC 5256 §3).
     *
     * @param charset the charset of the search criteria, required by RFC 5256
     * @param key the search criteria; several top-level keys are an {@link SearchKey.And}
     */
    public record Thread(String tag, boolean uid, ThreadAlgorithm algorithm, String charset, SearchKey key)
            implements ImapCommand {
    }

    /**
     * [UID] FETCH with the modifiers of RFC 7162.
     *
     * @param changedSince CHANGEDSINCE (§3.1.4.1): only messages with a higher MODSEQ, or null
     * @param vanished VANISHED (§3.2.6, UID FETCH only): also the UIDs of the set expunged since
     */
    public record Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items, Long changedSince,
            boolean vanished) implements ImapCommand {
        public Fetch {
            items = List.copyOf(items);
        }

        public Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items) {
            this(tag, uid, set, items, null, false);
        }
    }

    /**
     * STORE [+|-]FLAGS[.SILENT] (RFC 9051 §6.4.6).
     *
     * @param unchangedSince UNCHANGEDSINCE (RFC 7162 §3.1.3): change only messages whose MODSEQ is at most this, or null
     */
    public record Store(String tag, boolean uid, SequenceSet set, FlagMode mode, boolean silent, List<String> flags,
            Long unchangedSince) implements ImapCommand {
        public Store {
            flags = List.copyOf(flags);
        }

        public Store(String tag, boolean uid, SequenceSet set, FlagMode mode, boolean silent, List<String> flags) {
            this(tag, uid, set, mode, silent, flags, null);
        }
    }

    public record Copy(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand {
    }

    /** MOVE (RFC 6851, RFC 9051 §6.4.8). */
    public record Move(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand {
    }
}
