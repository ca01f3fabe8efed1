package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.MessageCommands.SearchReturn;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.search.SearchKey;
import io.mailplatform.imap.search.SearchPlanner;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.store.search.SearchCriterion;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * [UID] SEARCH (RFC 9051 §6.4.4) with ESEARCH result options (RFC 4731), SAVE/"$" (RFC 5182) and
 * MODSEQ (RFC 7162 §3.1.5: enables CONDSTORE; the response names the highest MODSEQ found).
 * The criteria run as one SQL query in the store; matches outside the client's view (messages not
 * announced yet) are left out, so every number returned is one the client knows. A search that runs
 * longer than {@code mail.store.limits.search-timeout} is cancelled: {@code NO [LIMIT]}.
 */
@Component
public class SearchProcessor implements CommandProcessor {
    private final MessageSearch search;
    private final int substringSearchMaxMessages;
    private final MessageIndex index;

    public SearchProcessor(MessageSearch search, MessageIndex index, ImapProperties properties) {
        this.search = search;
        this.index = index;
        this.substringSearchMaxMessages = properties.limits().substringSearchMaxMessages();
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Search.class, (command, session, out) -> {
            SelectedMailbox selected = session.selected();
            boolean modSeq = SearchKey.usesModSeq(command.key());
            if (modSeq) {
                CondStoreEnabling.enable(session, out);
            }
            ToLongFunction<long[]> highestModSeq = modSeq ? some -> index.highestModSeq(selected.mailbox(), some) : null;
            List<SearchReturn> returns = command.returns();
            boolean save = returns != null && returns.contains(SearchReturn.SAVE);
            // planned before "$" is emptied: the criteria may refer to it
            SearchCriterion criterion = SearchPlanner.plan(command.key(), selected);
            if (save) {
                // RFC 9051 §6.4.4.1: a failed SAVE empties "$" (an unknown charset, a search cancelled for
                // taking too long); a successful one fills it below
                selected.saveSearch(new long[0]);
            }
            SearchResults.requireCharset(command.charset(), session, false);
            long[] found = search.search(selected.mailbox(), criterion, selected.exists() <= substringSearchMaxMessages);
            long[] uids = SearchResults.visible(found, selected);
            long[] numbers = SearchResults.numbers(uids, command.uid(), selected);

            if (returns == null && !session.rev2()) {
                out.untagged(new ImapResponse.Search(numbers, highestModSeq == null ? null
                        : highestModSeq.applyAsLong(uids)));
                return done(command);
            }
            // no RETURN (IMAP4rev2) or RETURN () means ALL (RFC 9051 §6.4.4)
            SearchResults.answer(command.tag(), command.uid(), returns == null ? List.of() : returns, uids, numbers,
                    selected, out, highestModSeq);
            return done(command);
        });
    }

    private static Outcome done(MessageCommands.Search command) {
        return new Outcome.Done(Status.ok(command.tag(), (command.uid() ? "UID " : "") + "SEARCH completed"));
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("ESEARCH");
        capabilities.add("SEARCHRES");
    }
}
