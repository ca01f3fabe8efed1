package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.fetch.FetchItem.Attribute;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessagePreviews;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.store.mailbox.ObjectIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import org.springframework.stereotype.Component;

/**
 * [UID] FETCH (RFC 9051 §6.4.5): each command is a {@link FetchRun}, which answers message by
 * message, reads the store in bounded batches and pauses while the client does not read.
 *
 * <p>RFC 7162: MODSEQ and CHANGEDSINCE enable CONDSTORE; CHANGEDSINCE answers only the messages
 * changed after it, each with its MODSEQ, and UID FETCH ... (CHANGEDSINCE n VANISHED) first
 * reports the UIDs of the set expunged after it as VANISHED (EARLIER). Once CONDSTORE is enabled,
 * a response with FLAGS carries MODSEQ.
 *
 * <p>SAVEDATE (RFC 8514) answers when the message was saved in this mailbox, NIL for messages saved
 * before the store kept it.
 */
@Component
public class FetchProcessor implements CommandProcessor {
    private final Store store;

    /**
     * What FETCH reads and how much at a time.
     *
     * @param batchSize messages per batch of metadata and summaries
     * @param batchBytes the most octets one window reads ahead
     */
    record Store(MailboxService mailboxes, MessageIndex index, MessageSummaries summaries, MessageContents contents,
            ObjectIds objectIds, MessagePreviews previews, int batchSize, long batchBytes, int headBytes) {
    }

    public FetchProcessor(MailboxService mailboxes, MessageIndex index, MessageSummaries summaries,
            MessageContents contents, ObjectIds objectIds, MessagePreviews previews, ImapProperties properties) {
        this.store = new Store(mailboxes, index, summaries, contents, objectIds, previews, properties.limits().fetchBatchSize(),
                properties.limits().fetchBatchBytes().toBytes(), (int) properties.limits().fetchHeadBytes().toBytes());
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Fetch.class, this::fetch);
    }

    /**
     * SAVEDATE (RFC 8514): FETCH SAVEDATE here, the SAVED* search keys in the search parser. OBJECTID
     * (RFC 8474): EMAILID and THREADID here, MAILBOXID with CREATE, SELECT and STATUS. PREVIEW (RFC 8970).
     */
    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("SAVEDATE");
        capabilities.add("OBJECTID");
        capabilities.add("PREVIEW");
    }

    private Outcome fetch(MessageCommands.Fetch command, SessionContext session, Responder out) {
        SelectedMailbox selected = session.selected();
        if (command.vanished() && !session.qresync()) {
            throw new ImapSyntaxException("The VANISHED modifier needs ENABLE QRESYNC first");
        }
        if (command.changedSince() != null || command.items().contains(Attribute.MODSEQ)) {
            CondStoreEnabling.enable(session, out);
        }
        LongPredicate changed = null;
        if (command.changedSince() != null) {
            // UIDs only (ascending), so an old CHANGEDSINCE on a large mailbox costs eight octets a message
            MessageIndex.ChangedUids changes = store.index().changedUids(selected.mailbox(), command.changedSince());
            if (command.vanished()) {
                QuickResync.vanishedEarlier(changes.expunged(), command.set()::contains, selected, out);
            }
            long[] changedUids = changes.changed();
            changed = uid -> Arrays.binarySearch(changedUids, uid) >= 0;
        }
        return new FetchRun(store, withModSeq(command, session.condstore()), selected, session.rev2(), changed).run(out);
    }

    /**
     * NOTIFY's MessageNew with fetch attributes (RFC 5465 §5.2): a FETCH response with {@code items} for
     * each of the messages {@code first} to {@code last} (sequence numbers) that EXISTS just announced,
     * written by a {@link FetchRun} like any FETCH's. There is no tagged response of its own: the run
     * ends with null, or pauses while the client does not read. A message expunged meanwhile is left out.
     */
    Outcome newMessages(SessionContext session, int first, int last, List<FetchItem> items, Responder out) {
        MessageCommands.Fetch fetch = new MessageCommands.Fetch(null, false,
                SequenceSet.of(new SequenceSet.Range(first, last)), items);
        return unsolicited(new FetchRun(store, withModSeq(fetch, session.condstore()), session.selected(), session.rev2()),
                out);
    }

    /** A run's output without its end: null once it is done (EXPUNGEISSUED included), or its pause. */
    private static Outcome unsolicited(Outcome.Step run, Responder out) {
        Outcome outcome;
        try {
            outcome = run.run(out);
        } catch (ImapNoException e) {
            return null;
        }
        if (outcome instanceof Outcome.Paused paused) {
            return new Outcome.Paused(next -> unsolicited(paused.rest(), next));
        }
        return outcome instanceof Outcome.Done ? null : outcome;
    }

    /**
     * Adds MODSEQ where RFC 7162 wants it unasked: with CHANGEDSINCE, and under CONDSTORE with FLAGS,
     * asked for or sent because the FETCH sets \Seen.
     */
    private static MessageCommands.Fetch withModSeq(MessageCommands.Fetch command, boolean condstore) {
        List<FetchItem> items = command.items();
        boolean flags = items.contains(Attribute.FLAGS) || items.stream().anyMatch(FetchItem::setsSeen);
        if (items.contains(Attribute.MODSEQ) || (command.changedSince() == null && !(condstore && flags))) {
            return command;
        }
        List<FetchItem> more = new ArrayList<>(items);
        more.add(Attribute.MODSEQ);
        return new MessageCommands.Fetch(command.tag(), command.uid(), command.set(), more, command.changedSince(),
                command.vanished());
    }
}
