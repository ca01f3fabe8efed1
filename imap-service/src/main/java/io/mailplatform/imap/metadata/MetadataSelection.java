package io.mailplatform.imap.metadata;

import io.mailplatform.imap.command.MetadataCommands.Depth;
import io.mailplatform.store.mailbox.MetadataEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What GETMETADATA returns from the entries that exist (RFC 5464 §4.2): each requested entry
 * (NIL when neither it nor anything asked below it has a value) and, with DEPTH, the entries below it; values longer than MAXSIZE are
 * left out, the longest of them reported as LONGENTRIES (§4.2.1).
 *
 * @param entries the entries to send, in the order asked, each once
 * @param longEntries the size of the longest value left out for MAXSIZE, or -1 if none was
 */
public record MetadataSelection(List<MetadataEntry> entries, long longEntries) {

    public static MetadataSelection of(List<MetadataEntry> existing, List<String> requested, Depth depth,
            Long maxSize) {
        Map<String, MetadataEntry> chosen = new LinkedHashMap<>();
        long longest = -1;
        for (String name : requested) {
            List<MetadataEntry> matches = new ArrayList<>();
            boolean found = false;
            for (MetadataEntry entry : existing) {
                if (entry.name().equals(name)) {
                    found = true;
                    matches.add(entry);
                } else if (below(entry.name(), name, depth)) {
                    matches.add(entry);
                }
            }
            // like RFC 5464 §4.2.2's example: an entry without value is NIL only when nothing below it answers
            if (!found && matches.isEmpty() && !chosen.containsKey(name)) {
                chosen.put(name, new MetadataEntry(name, null));
            }
            for (MetadataEntry entry : matches) {
                if (maxSize != null && entry.value().length > maxSize) {
                    longest = Math.max(longest, entry.value().length);
                } else {
                    chosen.put(entry.name(), entry);
                }
            }
        }
        return new MetadataSelection(List.copyOf(chosen.values()), longest);
    }

    private static boolean below(String entry, String requested, Depth depth) {
        if (depth == Depth.ZERO || !entry.startsWith(requested + "/")) {
            return false;
        }
        return depth == Depth.INFINITY || entry.indexOf('/', requested.length() + 1) < 0;
    }
}
