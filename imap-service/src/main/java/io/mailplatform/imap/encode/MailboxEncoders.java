package io.mailplatform.imap.encode;

import io.mailplatform.core.thread.ThreadNode;
import io.mailplatform.imap.response.ImapResponse;

/** Mailbox status and size responses (RFC 9051 §7.3, §7.4, §7.5.1; RFC 3501 §7.2.5 SEARCH, §7.3.2 RECENT; RFC 5256 SORT, THREAD). */
final class MailboxEncoders {
    private MailboxEncoders() {
    }

    static void exists(ImapResponse.Exists exists, ImapWriter w) {
        w.raw("* ").number(exists.count()).raw(" EXISTS").crlf();
    }

    static void recent(ImapResponse.Recent recent, ImapWriter w) {
        w.raw("* ").number(recent.count()).raw(" RECENT").crlf();
    }

    static void expunge(ImapResponse.Expunge expunge, ImapWriter w) {
        w.raw("* ").number(expunge.msn()).raw(" EXPUNGE").crlf();
    }

    /** {@code "VANISHED" [SP "(EARLIER)"] SP known-uids} (RFC 7162 §3.2.10). */
    static void vanished(ImapResponse.Vanished vanished, ImapWriter w) {
        w.raw(vanished.earlier() ? "* VANISHED (EARLIER) " : "* VANISHED ").raw(vanished.uids()).crlf();
    }

    static void flags(ImapResponse.Flags flags, ImapWriter w) {
        w.raw("* FLAGS (").raw(String.join(" ", flags.flags())).raw(")").crlf();
    }

    /** {@code "LIST"/"LSUB" SP "(" [mbx-list-flags] ")" SP "/" SP mailbox [SP mbox-list-extended]}. */
    static void list(ImapResponse.MailboxList list, ImapWriter w) {
        w.raw(list.lsub() ? "* LSUB (" : "* LIST (").raw(String.join(" ", list.attributes())).raw(") \"/\" ")
                .mailbox(list.name());
        if (!list.extensions().isEmpty()) {
            w.sp().open();
            boolean first = true;
            for (ImapResponse.ListExtension item : list.extensions()) {
                if (!first) {
                    w.sp();
                }
                first = false;
                w.quoted(item.tag()).sp().open();
                for (int i = 0; i < item.values().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    if (item.mailboxNames()) {
                        w.mailbox(item.values().get(i));
                    } else {
                        w.quoted(item.values().get(i));
                    }
                }
                w.close();
            }
            w.close();
        }
        w.crlf();
    }

    static void statusData(ImapResponse.StatusData status, ImapWriter w) {
        w.raw("* STATUS ").mailbox(status.mailbox()).raw(" (");
        for (int i = 0; i < status.values().size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(status.values().get(i).item()).sp().raw(status.values().get(i).value());
        }
        w.raw(")").crlf();
    }

    /** With {@code (MODSEQ n)} after the numbers when the search used MODSEQ and found any (RFC 7162 §3.1.5). */
    static void search(ImapResponse.Search search, ImapWriter w) {
        w.raw("* SEARCH");
        for (long number : search.numbers()) {
            w.sp().number(number);
        }
        if (search.modSeq() != null && search.numbers().length > 0) {
            w.raw(" (MODSEQ ").number(search.modSeq()).raw(")");
        }
        w.crlf();
    }

    static void sort(ImapResponse.Sort sort, ImapWriter w) {
        numbers("* SORT", sort.numbers(), w);
    }

    /** {@code "THREAD" [SP 1*thread-list]} (RFC 5256 §5). */
    static void thread(ImapResponse.Thread thread, ImapWriter w) {
        w.raw("* THREAD");
        if (!thread.threads().isEmpty()) {
            w.sp().raw(ThreadNode.format(thread.threads()));
        }
        w.crlf();
    }

    private static void numbers(String response, long[] numbers, ImapWriter w) {
        w.raw(response);
        for (long number : numbers) {
            w.sp().number(number);
        }
        w.crlf();
    }

    /** {@code "ESEARCH" [SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP search-return-data)}. */
    static void esearch(ImapResponse.Esearch e, ImapWriter w) {
        w.raw("* ESEARCH");
        if (e.tag() != null) {
            w.raw(" (TAG ").quoted(e.tag()).raw(")");
        }
        if (e.uid()) {
            w.raw(" UID");
        }
        if (e.min() != null) {
            w.raw(" MIN ").number(e.min());
        }
        if (e.max() != null) {
            w.raw(" MAX ").number(e.max());
        }
        if (e.all() != null) {
            w.raw(" ALL ").raw(e.all());
        }
        if (e.count() != null) {
            w.raw(" COUNT ").number(e.count());
        }
        if (e.modSeq() != null) {
            w.raw(" MODSEQ ").number(e.modSeq());
        }
        w.crlf();
    }
}
