package io.mailplatform.store.dmarc;

import java.time.Instant;
import java.util.List;

/**
 * Messages of one reporting period that share their source, DMARC disposition and results: a row of an
 * aggregate report to be (RFC 7489 §7.2). Absent values are empty strings.
 *
 * @param periodStart the start of the reporting period (a UTC midnight)
 * @param policyDomain where the DMARC record was found
 * @param headerFrom the author domain
 * @param sourceIp the client that sent the message to us
 * @param disposition what we did: none, quarantine or reject
 * @param dkimAligned whether an aligned DKIM signature passed
 * @param spfAligned whether SPF passed for an aligned domain
 * @param spfDomain the domain SPF checked
 * @param spfScope "mfrom" or "helo"
 * @param spfResult the SPF result keyword
 * @param dkimResults one entry per signature checked
 * @param policy the record's published policy and report addresses
 * @param count how many messages
 */
public record DmarcObservation(Instant periodStart, String policyDomain, String headerFrom, String sourceIp,
        String disposition, boolean dkimAligned, boolean spfAligned, String spfDomain, String spfScope, String spfResult,
        List<DkimEntry> dkimResults, Policy policy, long count) {

    public DmarcObservation {
        dkimResults = List.copyOf(dkimResults);
    }

    /** A DKIM signature's domain, selector and result. */
    public record DkimEntry(String domain, String selector, String result) {
    }

    /**
     * @param rua the report URIs, as in the record
     */
    public record Policy(String adkim, String aspf, String p, String sp, int pct, List<String> rua) {
        public Policy {
            rua = List.copyOf(rua);
        }
    }
}
