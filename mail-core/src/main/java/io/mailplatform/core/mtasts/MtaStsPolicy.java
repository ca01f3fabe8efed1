package io.mailplatform.core.mtasts;

import io.mailplatform.core.net.WildcardName;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MTA-STS policy (RFC 8461 §3.2): its mode, the MX host patterns mail may go to and how long a
 * sender may cache it.
 *
 * @param mode enforce, testing or none
 * @param mx the allowed MX patterns, lower case: a host name, or {@code *.} and a domain for any one
 *        label in front of it (§4.1); may be empty only in mode none
 * @param maxAge how long the policy may be cached, at most {@link #MAX_AGE_LIMIT} (§3.2)
 */
public record MtaStsPolicy(MtaStsMode mode, List<String> mx, Duration maxAge) {
    /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
    public static final Duration MAX_AGE_LIMIT = Duration.ofSeconds(31_557_600);

    public MtaStsPolicy {
        Objects.requireNonNull(mode, "mode");
        mx = mx.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        if (mx.isEmpty() && mode != MtaStsMode.NONE) {
            throw new IllegalArgumentException("a policy in mode " + mode.keyword() + " names at least one mx");
        }
        if (maxAge.isNegative() || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
            throw new IllegalArgumentException("max_age is 0 to " + MAX_AGE_LIMIT.toSeconds() + " seconds");
        }
    }

    /**
     * Whether mail may go to this MX host (RFC 8461 §4.1): equal to a pattern, or, for a pattern
     * {@code *.example.com}, exactly one label more than {@code example.com}. Case and a trailing
     * dot do not matter.
     */
    public boolean permits(String host) {
        return mx.stream().anyMatch(pattern -> WildcardName.matches(pattern, host));
    }

    /** The policy file's text, fields one a line ending in CRLF (RFC 8461 §3.2). */
    public String text() {
        StringBuilder out = new StringBuilder("version: STSv1\r\nmode: ").append(mode.keyword()).append("\r\n");
        for (String pattern : mx) {
            out.append("mx: ").append(pattern).append("\r\n");
        }
        return out.append("max_age: ").append(maxAge.toSeconds()).append("\r\n").toString();
    }
}
