package io.mailplatform.imap.fetch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * BINARY[part]&lt;partial&gt; and BINARY.PEEK[...] (RFC 9051 §6.4.5, RFC 3516): a leaf part with its
 * content transfer encoding removed.
 */
public record BinarySection(List<Integer> part, boolean peek, Partial partial) implements FetchItem {
    public BinarySection {
        part = List.copyOf(part);
    }

    @Override
    public boolean setsSeen() {
        return !peek;
    }

    public String responseName() {
        return "BINARY[" + partSpec(part) + "]" + (partial == null ? "" : "<" + partial.offset() + ">");
    }

    static String partSpec(List<Integer> part) {
        return part.stream().map(String::valueOf).collect(Collectors.joining("."));
    }
}
