package io.mailplatform.imap.search;

import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.search.SearchCriterion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client's search keys into a store criterion: message numbers, "$" and \Recent become
 * UID ranges of the session's view; dates become instant ranges. Dates disregard time and zone
 * (RFC 9051 §6.4.4) and are taken in UTC, the zone INTERNALDATE is shown in.
 */
public final class SearchPlanner {
    private SearchPlanner() {
    }

    public static SearchCriterion plan(SearchKey key, SelectedMailbox view) {
        if (key instanceof SearchKey.All) {
            return new SearchCriterion.All();
        }
        if (key instanceof SearchKey.SystemFlag flag) {
            return new SearchCriterion.SystemFlag(MessageFlags.bitOf(flag.flag()), flag.set());
        }
        if (key instanceof SearchKey.Keyword keyword) {
            return new SearchCriterion.Keyword(keyword.keyword(), keyword.set());
        }
        if (key instanceof SearchKey.Recent recent) {
            SearchCriterion recentUids = new SearchCriterion.Uids(view.recentUidRanges());
            return recent.recent() ? recentUids : new SearchCriterion.Not(recentUids);
        }
        if (key instanceof SearchKey.Date date) {
            Instant start = date.date().atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant next = date.date().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant from = date.comparison() == SearchKey.DateComparison.BEFORE ? null : start;
            Instant to = switch (date.comparison()) {
                case BEFORE -> start;
                case ON -> next;
                case SINCE -> null;
            };
            return date.sent() ? new SearchCriterion.SentDate(from, to) : new SearchCriterion.InternalDate(from, to);
        }
        if (key instanceof SearchKey.FieldContains field) {
            return new SearchCriterion.FieldContains(SearchCriterion.Field.valueOf(field.field().name()), field.value());
        }
        if (key instanceof SearchKey.Header header) {
            return new SearchCriterion.HeaderContains(header.name(), header.value());
        }
        if (key instanceof SearchKey.Text text) {
            return new SearchCriterion.FullText(text.value(), text.bodyOnly());
        }
        if (key instanceof SearchKey.Size size) {
            return new SearchCriterion.Size(size.octets(), size.larger());
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

    /** For tests and logs: the UTC instant a date starts. */
    static Instant startOf(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
