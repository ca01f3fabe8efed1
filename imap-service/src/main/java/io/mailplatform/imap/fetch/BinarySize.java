package io.mailplatform.imap.fetch;

import java.util.List;

/** BINARY.SIZE[part] (RFC 9051 §6.4.5): the decoded size of a leaf part. */
public record BinarySize(List<Integer> part) implements FetchItem {
    public BinarySize {
        part = List.copyOf(part);
    }

    public String responseName() {
        return "BINARY.SIZE[" + BinarySection.partSpec(part) + "]";
    }
}
