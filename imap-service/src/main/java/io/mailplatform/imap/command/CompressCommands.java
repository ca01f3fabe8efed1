package io.mailplatform.imap.command;

/** COMPRESS (RFC 4978). */
public final class CompressCommands {
    private CompressCommands() {
    }

    /** {@code "COMPRESS" SP algorithm}; DEFLATE is the only algorithm (the parser refuses others). */
    public record Compress(String tag, String algorithm) implements ImapCommand {
    }
}
