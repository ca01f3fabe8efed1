package io.mailplatform.store.search;

import java.time.Instant;

/**
 * A message's place in a listing ordered by one {@link SortCriterion}: its value of the sort key
 * and its UID, which breaks ties. A listing continues after such a place (keyset paging), so it
 * neither repeats nor skips messages when others arrive or leave between pages.
 *
 * @param key the key's value: an {@link Instant} for ARRIVAL and DATE, a {@link Long} for SIZE, a
 *        {@link String} for the text keys
 * @param uid the message's UID
 */
public record SortPosition(Object key, long uid) {

    public SortPosition {
        if (!(key instanceof Instant || key instanceof Long || key instanceof String)) {
            throw new IllegalArgumentException("sort key value of an unknown type: " + key);
        }
    }

    /** The Java type of the values of a sort key. */
    public static Class<?> type(SortCriterion.Key key) {
        return switch (key) {
            case ARRIVAL, DATE -> Instant.class;
            case SIZE -> Long.class;
            default -> String.class;
        };
    }
}
