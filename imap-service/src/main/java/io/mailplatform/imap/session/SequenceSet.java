package io.mailplatform.imap.session;

import io.mailplatform.store.mailbox.MessageMeta;
import java.util.List;
import java.util.TreeSet;

/** RFC 9051 {@code sequence-set}, resolved against the session's view to 0-based message indexes. */
final class SequenceSet {
    private SequenceSet() {
    }

    static List<Integer> resolve(String text, List<MessageMeta> view, boolean byUid) {
        TreeSet<Integer> indexes = new TreeSet<>();
        long maxUid = view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
        for (String part : text.split(",")) {
            String[] bounds = part.split(":", -1);
            if (bounds.length > 2 || part.isEmpty()) {
                throw new IllegalArgumentException("Invalid sequence set " + text);
            }
            long low = number(bounds[0], byUid ? maxUid : view.size());
            long high = bounds.length == 2 ? number(bounds[1], byUid ? maxUid : view.size()) : low;
            if (low > high) {
                long swap = low;
                low = high;
                high = swap;
            }
            for (int i = 0; i < view.size(); i++) {
                long key = byUid ? view.get(i).uid() : i + 1;
                if (key >= low && key <= high) {
                    indexes.add(i);
                }
            }
            if (!byUid && (low < 1 || high > view.size())) {
                throw new IllegalArgumentException("Invalid message sequence number " + part);
            }
        }
        return List.copyOf(indexes);
    }

    private static long number(String text, long star) {
        if (text.equals("*")) {
            return star;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 1) {
                throw new IllegalArgumentException("Invalid sequence number " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid sequence number " + text);
        }
    }
}
