package io.mailplatform.core.dmarc;

import io.mailplatform.core.dkim.DkimException;
import io.mailplatform.core.dkim.TagList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DMARC policy record (RFC 7489 §6.3): {@code v=DMARC1} first, then the policy for the domain
 * (p=), for its subdomains (sp=, default p=), the alignment modes and the sampling rate. A record
 * without a valid p= but with rua= counts as p=none (§6.6.3); other unknown or bad values are
 * ignored as the RFC asks. The tag-value syntax is DKIM's (§6.4), so {@link TagList} reads it.
 */
public record DmarcRecord(Policy policy, Policy subdomainPolicy, boolean strictDkim, boolean strictSpf, int percent,
        List<String> aggregateReportUris) {

    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Policy of(String value) {
            return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }
    }

    public DmarcRecord {
        aggregateReportUris = List.copyOf(aggregateReportUris);
    }

    /** Whether this TXT record is meant as a DMARC record at all (others at the name are ignored). */
    public static boolean isDmarc(String text) {
        return text.stripLeading().matches("(?s)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /** The record, or empty when it is not one or has no usable policy: then DMARC does not apply (§6.6.3). */
    public static Optional<DmarcRecord> parse(String text) {
        if (!isDmarc(text)) {
            return Optional.empty();
        }
        TagList tags;
        try {
            tags = TagList.parse(text);
        } catch (DkimException e) {
            return Optional.empty();
        }
        List<String> rua = tags.get("rua") == null ? List.of()
                : Arrays.stream(tags.get("rua").split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toList();
        Policy policy = Policy.of(tags.get("p"));
        if (policy == null) {
            if (rua.isEmpty()) {
                return Optional.empty();
            }
            policy = Policy.NONE;
        }
        Policy subdomain = Policy.of(tags.get("sp"));
        int percent = 100;
        String pct = tags.get("pct");
        if (pct != null && pct.matches("\\d{1,3}")) {
            percent = Math.min(100, Integer.parseInt(pct));
        }
        return Optional.of(new DmarcRecord(policy, subdomain == null ? policy : subdomain,
                "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf")), percent, rua));
    }
}
