package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.response.FetchValue;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.FlagRights;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * [UID] STORE (RFC 9051 §6.4.6): flags change in one statement, then each message of the set gets
 * a FETCH with its flags (and its UID for UID STORE), unless .SILENT: those that changed with what the
 * update returned, the others as read after it.
 *
 * <p>RFC 7162 §3.1.3: with UNCHANGEDSINCE only messages whose MODSEQ is at most that change (the
 * condition is part of the update), those left alone because they changed later get no FETCH and
 * are listed in {@code [MODIFIED ...]}. Under CONDSTORE every FETCH carries MODSEQ, and a .SILENT
 * store still reports the new MODSEQ of the messages it changed.
 */
@Component
public class StoreProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final MessageIndex index;
    private final int batchSize;

    public StoreProcessor(MailboxService mailboxes, MessageIndex index, ImapProperties properties) {
        this.mailboxes = mailboxes;
        this.index = index;
        this.batchSize = properties.limits().fetchBatchSize();
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Store.class, this::store);
    }

    private Outcome store(MessageCommands.Store command, SessionContext session, Responder out) {
        SelectedMailbox selected = session.selected();
        if (selected.readOnly()) {
            throw new ImapNoException("The mailbox is read-only");
        }
        MessageFlags flags = FlagNames.parse(command.flags());
        // RFC 4314 §4: \Seen needs s, \Deleted t, the others w; FLAGS replaces, so it touches every flag
        if (command.mode() == FlagMode.REPLACE) {
            MailboxAccess.check(selected.rights(), Right.SEEN, Right.DELETE_MESSAGES, Right.WRITE);
        } else {
            MailboxAccess.check(selected.rights(), FlagRights.needed(flags).toArray(new Right[0]));
        }
        Long unchangedSince = command.unchangedSince();
        if (unchangedSince != null) {
            CondStoreEnabling.enable(session, out);
        }
        long[] uids = selected.uidsOf(selected.resolve(command.set(), command.uid()));
        if (uids.length == 0) {
            return new Outcome.Done(Status.ok(command.tag(), "STORE completed"));
        }
        MailboxService.FlagChange change = mailboxes.changeFlags(selected.mailbox(),
                Arrays.stream(uids).boxed().toList(), command.mode(), flags,
                unchangedSince == null ? Long.MAX_VALUE : unchangedSince);
        List<MessageMeta> changed = change.changed();
        selected.reportedOwnChanges(changed);
        selected.wrote(change.modSeq(), changed);
        Map<Long, MessageMeta> known = new HashMap<>();
        changed.forEach(meta -> known.put(meta.uid(), meta));
        List<Long> modified = new ArrayList<>();
        if (!command.silent() || unchangedSince != null) {
            // the changed messages came back from the update; only the others are read, or recalled from what
            // the session read before while the mailbox has not moved (SelectedMailbox#memory)
            long[] unchanged = Arrays.stream(uids).filter(uid -> !known.containsKey(uid)).toArray();
            MessageSummaries.Memory memory = selected.memory(index);
            for (int from = 0; from < unchanged.length; from += batchSize) {
                long[] batch = Arrays.copyOfRange(unchanged, from, Math.min(unchanged.length, from + batchSize));
                for (MessageMeta meta : index.metas(selected.mailbox(), batch, memory)) {
                    if (unchangedSince != null && meta.modSeq() > unchangedSince) {
                        modified.add(command.uid() ? meta.uid() : selected.msnOf(meta.uid()));
                    } else {
                        known.put(meta.uid(), meta);
                    }
                }
            }
        }
        for (long uid : uids) {
            MessageMeta meta = known.get(uid);
            if (meta == null) {
                continue;
            }
            if (!command.silent()) {
                out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), values(meta, command, selected,
                        session.rev2(), out)));
            } else if (session.condstore() && meta.modSeq() == change.modSeq()) {
                out.untagged(new ImapResponse.Fetch(selected.msnOf(uid), modSeqOnly(meta, command)));
            }
        }
        if (!modified.isEmpty()) {
            modified.sort(null);
            return new Outcome.Done(Status.ok(command.tag(), ResponseCode.modified(UidSets.format(modified)),
                    "Conditional STORE failed for some messages"));
        }
        return new Outcome.Done(Status.ok(command.tag(), "STORE completed"));
    }

    private static List<FetchValue> values(MessageMeta meta, MessageCommands.Store command, SelectedMailbox selected,
            boolean rev2, Responder out) {
        List<FetchValue> values = new ArrayList<>();
        values.add(new FetchValue.Flags(selected.flags(meta, rev2, out)));
        if (command.uid()) {
            values.add(new FetchValue.Uid(meta.uid()));
        }
        if (selected.condstore()) {
            values.add(new FetchValue.ModSeq(meta.modSeq()));
        }
        return values;
    }

    /** What a .SILENT store reports under CONDSTORE (RFC 7162 §3.1.3 example 4): the new MODSEQ. */
    private static List<FetchValue> modSeqOnly(MessageMeta meta, MessageCommands.Store command) {
        List<FetchValue> values = new ArrayList<>();
        if (command.uid()) {
            values.add(new FetchValue.Uid(meta.uid()));
        }
        values.add(new FetchValue.ModSeq(meta.modSeq()));
        return values;
    }
}
