package io.mailplatform.webmail.mail;

import io.mailplatform.store.search.SortCriterion;
import io.mailplatform.store.search.SortPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The opaque cursor of a message list: the sort key value and UID of the last message of a page,
 * as {@code d:<epoch microseconds>:<uid>}, {@code n:<number>:<uid>} or {@code s:<uid>:<text>},
 * base64url without padding. A cursor of another kind of key than the list's is refused.
 */
final class ListCursor {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ListCursor() {
    }

    static String encode(SortPosition position) {
        String text;
        if (position.key() instanceof Instant instant) {
            text = "d:" + ChronoUnit.MICROS.between(Instant.EPOCH, instant) + ":" + position.uid();
        } else if (position.key() instanceof Long number) {
            text = "n:" + number + ":" + position.uid();
        } else {
            text = "s:" + position.uid() + ":" + position.key();
        }
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static SortPosition decode(String cursor, SortCriterion.Key key) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Class<?> type = SortPosition.type(key);
            if (type == String.class && text.startsWith("s:")) {
                int colon = text.indexOf(':', 2);
                return new SortPosition(text.substring(colon + 1), uid(text.substring(2, colon)));
            }
            String[] parts = text.split(":", -1);
            if (parts.length == 3 && type == Instant.class && parts[0].equals("d")) {
                return new SortPosition(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), uid(parts[2]));
            }
            if (parts.length == 3 && type == Long.class && parts[0].equals("n")) {
                return new SortPosition(Long.parseLong(parts[1]), uid(parts[2]));
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException
                | java.time.DateTimeException e) {
            // falls through to the refusal
        }
        throw new InvalidParameterException("cursor", "is not a cursor this server gave for this sort order");
    }

    private static long uid(String text) {
        long uid = Long.parseLong(text);
        if (uid < 1) {
            throw new IllegalArgumentException("uid " + uid);
        }
        return uid;
    }
}
