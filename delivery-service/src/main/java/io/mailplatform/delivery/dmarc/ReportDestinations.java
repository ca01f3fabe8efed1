package io.mailplatform.delivery.dmarc;

import io.mailplatform.core.dmarc.DmarcRecord;
import io.mailplatform.core.dmarc.OrganizationalDomain;
import io.mailplatform.core.dmarc.report.ReportUri;
import io.mailplatform.core.dns.TxtLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the reports of a policy domain may go: the mailto: URIs of its rua= tag, each outside the
 * domain's own organizational domain only when that destination agrees to receive them (RFC 7489 §7.1:
 * a DMARC record at {@code <policy-domain>._report._dmarc.<destination>}), so that nobody can point
 * reports at a third party. A destination whose check cannot be answered now is left out this time.
 */
public final class ReportDestinations {
    private static final Logger log = LoggerFactory.getLogger(ReportDestinations.class);

    private final TxtLookup dns;

    public ReportDestinations(TxtLookup dns) {
        this.dns = dns;
    }

    public List<ReportUri> of(String policyDomain, List<String> rua) {
        List<ReportUri> accepted = new ArrayList<>();
        for (String text : rua) {
            Optional<ReportUri> uri = ReportUri.parse(text);
            if (uri.isEmpty()) {
                log.info("DMARC reports for {}: {} is not a mailto: URI we can send to", policyDomain, text);
            } else if (verified(policyDomain, uri.get().domain())) {
                accepted.add(uri.get());
            }
        }
        return accepted;
    }

    private boolean verified(String policyDomain, String destination) {
        if (OrganizationalDomain.of(policyDomain).equals(OrganizationalDomain.of(destination))) {
            return true;
        }
        String name = policyDomain + "._report._dmarc." + destination;
        try {
            if (dns.txt(name).stream().anyMatch(DmarcRecord::isDmarc)) {
                return true;
            }
            log.info("DMARC reports for {}: {} does not agree to receive them (no v=DMARC1 at {})", policyDomain,
                    destination, name);
        } catch (TxtLookup.TemporaryFailure e) {
            log.info("DMARC reports for {}: the check of {} failed ({}), left out this time", policyDomain, destination,
                    e.getMessage());
        }
        return false;
    }
}
