package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.CompressCommands;
import java.util.Map;

/** {@code compress = "COMPRESS" SP algorithm}, {@code algorithm = "DEFLATE"} (RFC 4978 §4). */
final class CompressCommandParser {
    private CompressCommandParser() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("COMPRESS", (tag, c) -> {
            c.sp();
            String algorithm = c.keyword();
            if (!algorithm.equals("DEFLATE")) {
                // RFC 4978 §3: an algorithm the server does not know is BAD
                throw c.error("Unknown compression algorithm " + algorithm);
            }
            return new CompressCommands.Compress(tag, algorithm);
        });
    }
}
