package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.store.mailbox.MetadataEntry;
import java.nio.charset.StandardCharsets;

/** The METADATA response (RFC 5464 §4.4). */
final class MetadataEncoders {
    /** Longer values go as literals even when they could be quoted, keeping lines short. */
    private static final int MAX_QUOTED = 256;

    private MetadataEncoders() {
    }

    /** {@code "METADATA" SP mailbox SP "(" entry SP value *(SP entry SP value) ")"}; the server is "". */
    static void metadata(ImapResponse.Metadata metadata, ImapWriter w) {
        w.raw("* METADATA ");
        if (metadata.mailbox() == null) {
            w.quoted("");
        } else {
            w.mailbox(metadata.mailbox());
        }
        w.sp().open();
        for (int i = 0; i < metadata.entries().size(); i++) {
            MetadataEntry entry = metadata.entries().get(i);
            if (i > 0) {
                w.sp();
            }
            w.astring(entry.name()).sp();
            value(entry.value(), w);
        }
        w.close().crlf();
    }

    /** {@code value = nstring / literal8}: literal8 only for values with NUL octets. */
    private static void value(byte[] value, ImapWriter w) {
        if (value == null) {
            w.nil();
            return;
        }
        boolean quotable = value.length <= MAX_QUOTED;
        for (byte b : value) {
            if (b == 0) {
                w.literal8(value);
                return;
            }
            if (b < 0x20 || b == 0x7f) {
                quotable = false;
            }
        }
        if (quotable) {
            w.quoted(new String(value, StandardCharsets.US_ASCII)); // octets above 0x7f are negative: literal
        } else {
            w.literal(value);
        }
    }
}
