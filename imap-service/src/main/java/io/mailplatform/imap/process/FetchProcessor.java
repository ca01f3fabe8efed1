package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageSummaries;
import org.springframework.stereotype.Component;

/**
 * [UID] FETCH (RFC 9051 §6.4.5): each command is a {@link FetchRun}, which answers message by
 * message, reads the store in bounded batches and pauses while the client does not read.
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
            int batchSize, long batchBytes) {
    }

    public FetchProcessor(MailboxService mailboxes, MessageIndex index, MessageSummaries summaries,
            MessageContents contents, ImapProperties properties) {
        this.store = new Store(mailboxes, index, summaries, contents, properties.limits().fetchBatchSize(),
                properties.limits().fetchBatchBytes().toBytes());
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Fetch.class, (command, session, out) ->
                new FetchRun(store, command, session.selected(), session.rev2()).run(out));
    }
}
