package io.mailplatform.core.mime;

import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Display text of header values, for search and the webmail: RFC 2047 encoded words decoded
 * (through mime4j) and address lists rendered as {@code Name <mailbox@host>}.
 */
public final class HeaderText {
    private HeaderText() {
    }

    /** The value with RFC 2047 encoded words decoded; null for null; never throws. */
    public static String decode(String raw) {
        if (raw == null || raw.indexOf("=?") < 0) {
            return raw;
        }
        try {
            return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return raw; // mime4j refuses some malformed words; the raw text is still searchable
        }
    }

    /**
     * An address list as display text: {@code Alice <alice@example.org>, bob@example.org, Team: carol@x;},
     * names decoded; empty for an empty list.
     */
    public static String addresses(List<EnvelopeAddress> addresses) {
        StringBuilder out = new StringBuilder();
        boolean afterGroupStart = false;
        for (EnvelopeAddress address : addresses) {
            if (address.isGroupEnd()) {
                out.append(';');
                afterGroupStart = false;
                continue;
            }
            if (out.length() > 0 && !afterGroupStart) {
                out.append(", ");
            } else if (afterGroupStart) {
                out.append(' ');
            }
            afterGroupStart = false;
            if (address.isGroupStart()) {
                out.append(decode(address.mailbox())).append(':');
                afterGroupStart = true;
                continue;
            }
            String name = decode(address.name());
            if (name != null && !name.isEmpty()) {
                out.append(name).append(" <").append(address.address()).append('>');
            } else {
                out.append(address.address());
            }
        }
        return out.toString();
    }
}
