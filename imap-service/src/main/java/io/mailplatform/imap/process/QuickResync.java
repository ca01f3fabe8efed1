package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * What a client resynchronising with SELECT/EXAMINE ... (QRESYNC ...) is told after the usual
 * responses (RFC 7162 §3.2.5): the UIDs expunged since its MODSEQ as VANISHED (EARLIER), then a
 * FETCH with UID, FLAGS and MODSEQ for every message changed since (new ones included). The
 * changed messages are found as UIDs and their metadata read in batches of
 * {@code fetch-batch-size}, so however old the client's MODSEQ, the session holds eight octets per
 * changed message.
 *
 * <p>The store keeps every expunge of a mailbox for as long as the mailbox exists (the
 * {@code expunged_messages} log, one row per expunged message), so the answer is exact whatever
 * the client's MODSEQ; seq-match-data, the hint for servers that forget expunges, is not needed.
 * A UIDVALIDITY other than the mailbox's gets nothing beyond the plain SELECT responses: the client
 * must forget what it had.
 */
@Component
public class QuickResync {
    private final MessageIndex index;
    private final int batchSize;

    public QuickResync(MessageIndex index, ImapProperties properties) {
        this.index = index;
        this.batchSize = properties.limits().fetchBatchSize();
    }

    void report(MailboxCommands.QResync known, SelectedMailbox selected, boolean rev2, Responder out) {
        if (known.uidValidity() != selected.mailbox().uidValidity()) {
            return;
        }
        MessageIndex.ChangedUids changes = index.changedUids(selected.mailbox(), known.modSeq());
        vanishedEarlier(changes.expunged(), known.knownUids() == null ? null : known.knownUids()::contains, selected, out);
        long[] inView = Arrays.stream(changes.changed()).filter(uid -> selected.msnOf(uid) > 0).toArray();
        for (int from = 0; from < inView.length; from += batchSize) {
            long[] batch = Arrays.copyOfRange(inView, from, Math.min(inView.length, from + batchSize));
            for (MessageMeta meta : index.metas(selected.mailbox(), batch)) {
                selected.reportFlags(meta, rev2, out);
            }
        }
    }

    /** Which UIDs a client asks about: {@code contains(uid, largest)}. */
    interface UidFilter {
        boolean contains(long uid, long largest);
    }

    /**
     * VANISHED (EARLIER) for expunged UIDs the client asked about ({@code asked} null: all); UIDs
     * still in the session's view are left to the VANISHED that reports their expunge to it.
     */
    static void vanishedEarlier(long[] expunged, UidFilter asked, SelectedMailbox selected, Responder out) {
        long[] vanished = Arrays.stream(expunged)
                .filter(uid -> selected.msnOf(uid) == 0 && (asked == null || asked.contains(uid, Long.MAX_VALUE)))
                .toArray();
        if (vanished.length > 0) {
            out.untagged(new ImapResponse.Vanished(true, UidSets.format(vanished)));
        }
    }
}
