package io.mailplatform.core.tlsrpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code _smtp._tls.<domain>} TXT record (RFC 8460 §3): {@code v=TLSRPTv1} first, then
 * {@code rua=} with one or more comma-separated {@code mailto:} or {@code https:} URIs.
 *
 * @param rua where reports go, in the record's order; only mailto: and https: ones are kept
 */
public record TlsRptRecord(List<String> rua) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    /** The name the record is published at. */
    public static String name(String domain) {
        return "_smtp._tls." + domain;
    }

    /** The one record among the TXT records at the name; none, or more than one, is no record (§3). */
    public static Optional<TlsRptRecord> find(List<String> txt) {
        List<String> candidates = txt.stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
        return candidates.size() == 1 ? parse(candidates.get(0)) : Optional.empty();
    }

    /** The record, or empty when it has no rua= with a URI of a known scheme. */
    public static Optional<TlsRptRecord> parse(String text) {
        String[] fields = text.strip().split("[ \\t]*;[ \\t]*");
        if (!fields[0].equals("v=TLSRPTv1")) {
            return Optional.empty();
        }
        List<String> rua = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
            if (fields[i].startsWith("rua=") && rua.isEmpty()) {
                for (String uri : fields[i].substring(4).split(",")) {
                    String trimmed = uri.strip();
                    String scheme = trimmed.toLowerCase(Locale.ROOT);
                    if (scheme.startsWith("mailto:") && trimmed.indexOf('@') > 7 || scheme.startsWith("https://")) {
                        rua.add(trimmed);
                    }
                }
            }
        }
        return rua.isEmpty() ? Optional.empty() : Optional.of(new TlsRptRecord(rua));
    }
}
