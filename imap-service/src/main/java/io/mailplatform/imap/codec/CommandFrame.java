package io.mailplatform.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One complete client command as received (RFC 9051 §2.2.1): its lines without CRLF, and the
 * literals that followed every line but the last. Each line but the last therefore ends with its
 * literal's marker ({@code {n}} or {@code {n+}}); {@code literals.get(i)} follows {@code lines.get(i)}.
 */
public record CommandFrame(List<byte[]> lines, List<byte[]> literals) implements InboundFrame {
    public CommandFrame {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException("a frame has one line more than literals");
        }
    }

    /** A single-line frame, e.g. an AUTHENTICATE response or IDLE's DONE. */
    public static CommandFrame line(String text) {
        return new CommandFrame(List.of(text.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /** The first line as text, e.g. a continuation line of AUTHENTICATE or IDLE. */
    public String firstLine() {
        return new String(lines.get(0), StandardCharsets.UTF_8);
    }
}
