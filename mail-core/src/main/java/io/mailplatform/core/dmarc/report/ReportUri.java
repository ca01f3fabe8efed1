package io.mailplatform.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code mailto:} report address of a DMARC record's rua= tag (RFC 7489 §6.2, §6.4), with its optional
 * size limit ({@code !10m}): reports larger than it must not be sent there. Other URI schemes are not
 * supported and read as empty.
 *
 * @param address the mailbox (percent-decoding of the common characters done)
 * @param maxBytes the size limit in octets, or -1 without one
 */
public record ReportUri(String address, long maxBytes) {
    private static final Pattern MAILTO = Pattern.compile("(?i)mailto:([^!@\\s]+@[^!@\\s]+)(?:!(\\d+)([kmgt]?))?");

    public static Optional<ReportUri> parse(String uri) {
        Matcher m = MAILTO.matcher(uri.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String address = m.group(1).replace("%21", "!").replace("%2C", ",").replace("%2c", ",").replace("%3B", ";")
                .replace("%3b", ";");
        long max = -1;
        if (m.group(2) != null) {
            try {
                max = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int shift = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            max = max > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : max << shift;
        }
        return Optional.of(new ReportUri(address, max));
    }

    /** The domain part of the address, lower case. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    public boolean accepts(long size) {
        return maxBytes < 0 || size <= maxBytes;
    }
}
