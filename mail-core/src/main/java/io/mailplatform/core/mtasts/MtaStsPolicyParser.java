package io.mailplatform.core.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a policy file (RFC 8461 §3.2): {@code key: value} lines ended by CRLF or LF; version
 * {@code STSv1}, mode and max_age required, mx required unless mode is none. Unknown keys are
 * ignored (§3.2); of a repeated version, mode or max_age the first counts.
 */
public final class MtaStsPolicyParser {
    /** sts-policy-mx-value: a host name, optionally with a leading {@code *.} (§3.2, RFC 1123 labels). */
    private static final Pattern MX = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    /** sts-policy-field-name. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** sts-policy-max-age-value: 1*10DIGIT. */
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");

    private MtaStsPolicyParser() {
    }

    public static MtaStsPolicy parse(String text) throws MtaStsSyntaxException {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue; // the final line break, or blank lines some servers add
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new MtaStsSyntaxException("not a key: value line: " + abbreviate(line));
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip(); // *WSP around the value
            if (!KEY.matcher(key).matches()) {
                throw new MtaStsSyntaxException("not a field name: " + abbreviate(key));
            }
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> mode = mode == null ? value : mode;
                case "max_age" -> maxAge = maxAge == null ? value : maxAge;
                case "mx" -> {
                    if (!MX.matcher(value).matches()) {
                        throw new MtaStsSyntaxException("not an MX pattern: " + abbreviate(value));
                    }
                    mx.add(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
                }
                default -> {
                    // RFC 8461 §3.2: unknown fields are ignored
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new MtaStsSyntaxException(version == null ? "no version" : "unknown version " + abbreviate(version));
        }
        MtaStsMode parsedMode = MtaStsMode.of(mode);
        if (parsedMode == null) {
            throw new MtaStsSyntaxException(mode == null ? "no mode" : "unknown mode " + abbreviate(mode));
        }
        if (maxAge == null || !MAX_AGE.matcher(maxAge).matches()
                || Long.parseLong(maxAge) > MtaStsPolicy.MAX_AGE_LIMIT.toSeconds()) {
            throw new MtaStsSyntaxException(maxAge == null ? "no max_age" : "max_age is no number of seconds up to "
                    + MtaStsPolicy.MAX_AGE_LIMIT.toSeconds() + ": " + abbreviate(maxAge));
        }
        if (mx.isEmpty() && parsedMode != MtaStsMode.NONE) {
            throw new MtaStsSyntaxException("no mx in mode " + parsedMode.keyword());
        }
        return new MtaStsPolicy(parsedMode, mx, Duration.ofSeconds(Long.parseLong(maxAge)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
