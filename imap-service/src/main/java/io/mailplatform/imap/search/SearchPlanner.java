package io.mailplatform.imap.search;

import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.store.search.SearchCriterion;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client's search keys into a store criterion: message numbers, "$" and \Recent become
 * UID ranges of the session's view.
 */
public final class SearchPlanner {
    private SearchPlanner() {
    }

    public static SearchCriterion plan(SearchKey key, SelectedMailbox view) {
        if (key instanceof SearchKey.Match match) {
            return match.criterion();
        }
        if (key instanceof SearchKey.Recent recent) {
            SearchCriterion recentUids = new SearchCriterion.Uids(view.recentUidRanges());
            return recent.recent() ? recentUids : new SearchCriterion.Not(recentUids);
        }
        if (key instanceof SearchKey.Sequence sequence) {
            return new SearchCriterion.Uids(view.uidRanges(view.resolve(sequence.set(), sequence.uid(), false)));
        }
        if (key instanceof SearchKey.Not not) {
            return new SearchCriterion.Not(plan(not.key(), view));
        }
        if (key instanceof SearchKey.Or or) {
            return new SearchCriterion.Or(plan(or.left(), view), plan(or.right(), view));
        }
        if (key instanceof SearchKey.And and) {
            List<SearchCriterion> parts = new ArrayList<>();
            for (SearchKey part : and.keys()) {
                parts.add(plan(part, view));
            }
            return new SearchCriterion.And(parts);
        }
        throw new IllegalArgumentException("unknown search key " + key);
    }
}
