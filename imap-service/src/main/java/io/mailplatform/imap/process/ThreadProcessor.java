package io.mailplatform.imap.process;

import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.core.thread.ThreadMessage;
import io.mailplatform.core.thread.ThreadNode;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.search.SearchPlanner;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.store.search.SearchCriterion;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * [UID] THREAD (RFC 5256) with the ORDEREDSUBJECT and REFERENCES algorithms. The search criteria are
 * SEARCH's; the store returns the matching messages' stored keys (base subject, sent date,
 * Message-ID, references), and the threading code of mail-core builds the threads, so nothing is
 * parsed per THREAD.
 */
@Component
public class ThreadProcessor implements CommandProcessor {
    private final MessageSearch search;
    private final int substringSearchMaxMessages;

    public ThreadProcessor(MessageSearch search, ImapProperties properties) {
        this.search = search;
        this.substringSearchMaxMessages = properties.limits().substringSearchMaxMessages();
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Thread.class, (command, session, out) -> {
            SelectedMailbox selected = session.selected();
            SearchCriterion criterion = SearchPlanner.plan(command.key(), selected);
            SearchResults.requireCharset(command.charset(), session, true);
            List<ThreadMessage> found = search.threadMessages(selected.mailbox(), criterion,
                    selected.exists() <= substringSearchMaxMessages);
            // only messages the client has been told of (RFC 9051 §7.5.1), as SEARCH does
            List<ThreadMessage> visible = found.stream().filter(message -> selected.msnOf(message.id()) > 0).toList();
            List<ThreadNode> threads = command.algorithm().threads(visible);
            if (!command.uid()) {
                threads = threads.stream().map(thread -> thread.map(selected::msnOf)).toList();
            }
            out.untagged(new ImapResponse.Thread(threads));
            return new Outcome.Done(Status.ok(command.tag(), (command.uid() ? "UID " : "") + "THREAD completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        for (ThreadAlgorithm algorithm : ThreadAlgorithm.values()) {
            capabilities.add("THREAD=" + algorithm.name());
        }
    }
}
