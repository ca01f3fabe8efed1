package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands.SearchReturn;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What SEARCH and SORT share: the CHARSET check, the view filter, and the ESEARCH answer with
 * SAVE (RFC 4731, RFC 5267 §3.2, RFC 5182). The matches are in result order: ascending for SEARCH,
 * the sort order for SORT, whose MIN and MAX are the first and the last in that order and whose
 * ALL lists them in that order.
 */
final class SearchResults {
    static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    private SearchResults() {
    }

    /**
     * {@code NO [BADCHARSET (...)]} for a charset other than UTF-8 and US-ASCII (RFC 9051 §6.4.4). After
     * ENABLE UTF8=ACCEPT, BAD for any CHARSET of SEARCH and a charset other than UTF-8 of SORT and THREAD
     * (RFC 6855 §3 with erratum 4029: the labels conflict).
     *
     * @param mandatory whether the command must name a charset (SORT, THREAD) or may (SEARCH)
     */
    static void requireCharset(String charset, SessionContext session, boolean mandatory) {
        if (charset != null && session.enabled(Extension.UTF8_ACCEPT)
                && (!mandatory || !charset.equalsIgnoreCase("UTF-8"))) {
            throw new ImapSyntaxException(mandatory ? "The charset must be UTF-8 after ENABLE UTF8=ACCEPT"
                    : "SEARCH takes no CHARSET after ENABLE UTF8=ACCEPT");
        }
        if (charset != null && CHARSETS.stream().noneMatch(c -> c.equalsIgnoreCase(charset))) {
            throw new ImapNoException(ResponseCode.badCharset(CHARSETS), charset + " is not supported");
        }
    }

    /** The found UIDs the client knows (announced messages only), in their order. */
    static long[] visible(long[] found, SelectedMailbox selected) {
        return Arrays.stream(found).filter(uid -> selected.msnOf(uid) > 0).toArray();
    }

    /** UIDs, or their message numbers, in their order. */
    static long[] numbers(long[] uids, boolean uid, SelectedMailbox selected) {
        return uid ? uids : Arrays.stream(uids).map(selected::msnOf).toArray();
    }

    /**
     * Saves "$" for SAVE and writes the ESEARCH response of the options.
     *
     * @param returns the RETURN options; empty means ALL
     */
    static void answer(String tag, boolean uid, List<SearchReturn> returns, long[] uids, long[] numbers,
            SelectedMailbox selected, Responder out) {
        answer(tag, uid, returns, uids, numbers, selected, out, null);
    }

    /**
     * {@link #answer}, with the MODSEQ of a search that used MODSEQ (RFC 7162 §3.1.5, RFC 4731 §3.2):
     * the highest of the messages the response names (only the MIN and MAX ones when neither ALL nor
     * COUNT is asked for), none when nothing matched.
     *
     * @param highestModSeq the highest MODSEQ of some UIDs, or null when the search did not use MODSEQ
     */
    static void answer(String tag, boolean uid, List<SearchReturn> returns, long[] uids, long[] numbers,
            SelectedMailbox selected, Responder out, ToLongFunction<long[]> highestModSeq) {
        List<SearchReturn> options = returns.isEmpty() ? List.of(SearchReturn.ALL) : returns;
        boolean min = options.contains(SearchReturn.MIN);
        boolean max = options.contains(SearchReturn.MAX);
        boolean all = options.contains(SearchReturn.ALL);
        boolean count = options.contains(SearchReturn.COUNT);
        if (options.contains(SearchReturn.SAVE)) {
            // RFC 9051 §6.4.4.1 table 4: with only MIN and/or MAX, "$" holds just those
            long[] saved = uids;
            if ((min || max) && !all && !count && uids.length > 0) {
                long first = uids[0];
                long last = uids[uids.length - 1];
                saved = min && max ? (first == last ? new long[] {first} : new long[] {first, last})
                        : new long[] {min ? first : last};
            }
            long[] ascending = saved.clone();
            Arrays.sort(ascending);
            selected.saveSearch(ascending);
        }
        if (min || max || all || count) {
            boolean any = numbers.length > 0;
            Long modSeq = null;
            if (highestModSeq != null && any) {
                modSeq = highestModSeq.applyAsLong(all || count ? uids
                        : min && max ? new long[] {uids[0], uids[uids.length - 1]}
                        : new long[] {min ? uids[0] : uids[uids.length - 1]});
            }
            out.untagged(new ImapResponse.Esearch(tag, uid, min && any ? numbers[0] : null,
                    max && any ? numbers[numbers.length - 1] : null, all && any ? UidSets.format(numbers) : null,
                    count ? (long) numbers.length : null, modSeq));
        }
    }
}
