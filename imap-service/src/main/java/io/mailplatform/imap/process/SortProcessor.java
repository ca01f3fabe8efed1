package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.MessageCommands.SearchReturn;
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
 * [UID] SORT (RFC 5256) with the RFC 5957 DISPLAYFROM/DISPLAYTO keys and ESORT result options
 * (RFC 5267 §3.2). The search criteria are SEARCH's; the store sorts in the same SQL query, on the
 * sort keys kept with each message's summary, so nothing is parsed per SORT. CONTEXT=SORT and
 * PARTIAL (RFC 5267 §4, §4.4) are not implemented and not advertised.
 */
@Component
public class SortProcessor implements CommandProcessor {
    private final MessageSearch search;
    private final int substringSearchMaxMessages;

    public SortProcessor(MessageSearch search, ImapProperties properties) {
        this.search = search;
        this.substringSearchMaxMessages = properties.limits().substringSearchMaxMessages();
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MessageCommands.Sort.class, (command, session, out) -> {
            SelectedMailbox selected = session.selected();
            List<SearchReturn> returns = command.returns();
            // planned before "$" is emptied: the criteria may refer to it
            SearchCriterion criterion = SearchPlanner.plan(command.key(), selected);
            if (returns != null && returns.contains(SearchReturn.SAVE)) {
                selected.saveSearch(new long[0]); // a failed SAVE empties "$" (RFC 5182 §2.1)
            }
            SearchResults.requireCharset(command.charset(), session, true);
            long[] found = search.sort(selected.mailbox(), criterion, selected.exists() <= substringSearchMaxMessages,
                    command.criteria());
            long[] uids = SearchResults.visible(found, selected);
            long[] numbers = SearchResults.numbers(uids, command.uid(), selected);
            if (returns == null) {
                out.untagged(new ImapResponse.Sort(numbers));
            } else {
                SearchResults.answer(command.tag(), command.uid(), returns, uids, numbers, selected, out);
            }
            return new Outcome.Done(Status.ok(command.tag(), (command.uid() ? "UID " : "") + "SORT completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("SORT");
        capabilities.add("SORT=DISPLAY");
        capabilities.add("ESORT");
    }
}
