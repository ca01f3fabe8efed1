package io.mailplatform.webmail.mail;

import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.search.SearchCriterion;
import io.mailplatform.store.search.SortCriterion;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a message list asks for, from its query parameters: criteria for the store's search (the
 * one IMAP SEARCH runs), the sort order (IMAP SORT's keys), and the filter the store cannot run
 * (has an attachment), applied to the summaries.
 *
 * @param criterion the store search
 * @param sort the order
 * @param hasAttachment null for no filter, else whether the messages must (not) have attachments
 */
record MessageQuery(SearchCriterion criterion, SortCriterion sort, Boolean hasAttachment) {

    /** The request parameters; all optional. Dates are days (yyyy-mm-dd) of the received time, in UTC. */
    record Parameters(String sort, String order, Boolean unseen, Boolean flagged, Boolean answered, Boolean hasAttachment,
            String keyword, String q, String from, String to, String subject, String since, String before) {
    }

    static MessageQuery of(Parameters p) {
        List<SearchCriterion> criteria = new ArrayList<>();
        if (p.unseen() != null) {
            criteria.add(new SearchCriterion.SystemFlag(MessageFlags.SEEN, !p.unseen()));
        }
        if (p.flagged() != null) {
            criteria.add(new SearchCriterion.SystemFlag(MessageFlags.FLAGGED, p.flagged()));
        }
        if (p.answered() != null) {
            criteria.add(new SearchCriterion.SystemFlag(MessageFlags.ANSWERED, p.answered()));
        }
        if (p.keyword() != null) {
            criteria.add(new SearchCriterion.Keyword(FlagNames.keyword(p.keyword(), "keyword"), true));
        }
        if (p.q() != null && !p.q().isBlank()) {
            criteria.add(new SearchCriterion.FullText(p.q(), false));
        }
        field(criteria, SearchCriterion.Field.FROM, p.from());
        field(criteria, SearchCriterion.Field.TO, p.to());
        field(criteria, SearchCriterion.Field.SUBJECT, p.subject());
        LocalDate since = day(p.since(), "since");
        LocalDate before = day(p.before(), "before");
        if (since != null || before != null) {
            criteria.add(new SearchCriterion.InternalDate(since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    before == null ? null : before.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        SearchCriterion criterion = criteria.isEmpty() ? new SearchCriterion.All() : new SearchCriterion.And(criteria);
        return new MessageQuery(criterion, sort(p.sort(), p.order()), p.hasAttachment());
    }

    private static void field(List<SearchCriterion> criteria, SearchCriterion.Field field, String value) {
        if (value != null && !value.isEmpty()) {
            criteria.add(new SearchCriterion.FieldContains(field, value));
        }
    }

    private static LocalDate day(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be a date, yyyy-mm-dd");
        }
    }

    /** sort: date (Date header, else received), arrival, from (display name), subject, size; order: asc or desc (default desc). */
    private static SortCriterion sort(String sort, String order) {
        String key = sort == null ? "date" : sort.toLowerCase(Locale.ROOT);
        SortCriterion.Key column;
        switch (key) {
            case "date":
                column = SortCriterion.Key.DATE;
                break;
            case "arrival":
                column = SortCriterion.Key.ARRIVAL;
                break;
            case "from":
                column = SortCriterion.Key.DISPLAYFROM;
                break;
            case "subject":
                column = SortCriterion.Key.SUBJECT;
                break;
            case "size":
                column = SortCriterion.Key.SIZE;
                break;
            default:
                throw new InvalidParameterException("sort", "must be date, arrival, from, subject or size");
        }
        String direction = order == null ? "desc" : order.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidParameterException("order", "must be asc or desc");
        }
        return new SortCriterion(column, direction.equals("desc"));
    }
}
