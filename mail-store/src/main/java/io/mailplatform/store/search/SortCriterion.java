package io.mailplatform.store.search;

/**
 * One sort criterion of IMAP SORT (RFC 5256 §3, RFC 5957), optionally REVERSE.
 *
 * @param key what is compared
 * @param reverse whether the order of this key is reversed
 */
public record SortCriterion(Key key, boolean reverse) {

    /** The sort keys, named as in the RFCs. */
    public enum Key {
        /** Internal date and time. */
        ARRIVAL("m.internal_date"),
        /** addr-mailbox of the first Cc address. */
        CC("c.sort_cc COLLATE \"C\""),
        /** Sent date and time (Date header, in UTC), or the internal date when there is none; on messages (V31). */
        DATE("coalesce(m.sent_date, m.internal_date)"),
        FROM("c.sort_from COLLATE \"C\""),
        SIZE("m.size"),
        /** The base subject (RFC 5256 §2.1); the message's copy (V49). */
        SUBJECT("m.sort_subject COLLATE \"C\""),
        TO("c.sort_to COLLATE \"C\""),
        /** RFC 5957: the display name of the first From address, or its address; the message's copy (V49). */
        DISPLAYFROM("m.sort_display_from COLLATE \"C\""),
        DISPLAYTO("c.sort_display_to COLLATE \"C\"");

        private final String expression;

        Key(String expression) {
            this.expression = expression;
        }

        /** The SQL expression over {@code messages m} and {@code message_contents c} that orders by this key. */
        String expression() {
            return expression;
        }

        /** Whether the key is a column of the content (the others are on {@code messages}). */
        boolean needsContent() {
            return expression.startsWith("c.");
        }

        /**
         * A condition true for a message whose key is not computed yet (contents stored before the
         * text keys, V30), null for keys that always exist.
         */
        String missing() {
            if (needsContent()) {
                return "c.sort_subject IS NULL";
            }
            return expression.startsWith("m.sort_") ? "m.sort_subject IS NULL" : null;
        }
    }
}
