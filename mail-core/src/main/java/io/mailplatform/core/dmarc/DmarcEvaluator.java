package io.mailplatform.core.dmarc;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dmarc.DmarcOutcome.Result;
import io.mailplatform.core.dmarc.DmarcRecord.Policy;
import io.mailplatform.core.dns.TxtLookup;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * DMARC policy evaluation (RFC 7489 §6.6): find the policy record of the author domain, or else of
 * its organizational domain (§6.6.3); the message passes when SPF passed for an aligned domain or a
 * DKIM signature passed with an aligned d= (§3.1); a failing message gets the record's policy, p= for
 * the domain itself and sp= for a subdomain, sampled by pct= (§6.6.4: sampled out means one step
 * milder).
 */
public final class DmarcEvaluator {
    private final TxtLookup dns;
    private final IntSupplier percentile;

    /** @param percentile a number in [0, 100) per message, for pct= sampling */
    public DmarcEvaluator(TxtLookup dns, IntSupplier percentile) {
        this.dns = dns;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain the author domain, or null when the message has none (no or several From mailboxes)
     * @param spfPassed whether SPF passed
     * @param spfDomain the domain SPF checked (MAIL FROM's, or HELO's for the null reverse path)
     * @param dkim the DKIM results
     */
    public DmarcOutcome evaluate(String fromDomain, boolean spfPassed, String spfDomain, List<DkimResult> dkim) {
        if (fromDomain == null) {
            return new DmarcOutcome(Result.NONE, null, null, Policy.NONE, "no single author domain");
        }
        Optional<DmarcRecord> found;
        boolean subdomain = false;
        try {
            found = record(fromDomain);
            String organizational = OrganizationalDomain.of(fromDomain);
            if (found.isEmpty() && !organizational.equals(fromDomain)) {
                found = record(organizational);
                subdomain = true;
            }
        } catch (TxtLookup.TemporaryFailure e) {
            return new DmarcOutcome(Result.TEMPERROR, fromDomain, null, Policy.NONE, "policy lookup failed");
        }
        if (found.isEmpty()) {
            return new DmarcOutcome(Result.NONE, fromDomain, null, Policy.NONE, null);
        }
        DmarcRecord record = found.get();
        String policyDomain = subdomain ? OrganizationalDomain.of(fromDomain) : fromDomain;
        Policy policy = subdomain ? record.subdomainPolicy() : record.policy();
        boolean spfAligned = spfPassed && spfDomain != null
                && OrganizationalDomain.aligned(spfDomain, fromDomain, record.strictSpf());
        boolean dkimAligned = dkim.stream().anyMatch(result -> result.passed()
                && OrganizationalDomain.aligned(result.signature().domain(), fromDomain, record.strictDkim()));
        DmarcOutcome.Evaluation evaluation = new DmarcOutcome.Evaluation(policyDomain, record, spfAligned, dkimAligned);
        if (spfAligned || dkimAligned) {
            return new DmarcOutcome(Result.PASS, fromDomain, policy, Policy.NONE, null, evaluation);
        }
        Policy disposition = policy;
        if (record.percent() < 100 && percentile.getAsInt() >= record.percent()) {
            disposition = policy == Policy.REJECT ? Policy.QUARANTINE : Policy.NONE;
        }
        return new DmarcOutcome(Result.FAIL, fromDomain, policy, disposition, null, evaluation);
    }

    /** The one DMARC record at {@code _dmarc.domain}; none when there is none or more than one (§6.6.3). */
    private Optional<DmarcRecord> record(String domain) throws TxtLookup.TemporaryFailure {
        List<String> records = dns.txt("_dmarc." + domain).stream().filter(DmarcRecord::isDmarc).toList();
        return records.size() == 1 ? DmarcRecord.parse(records.get(0)) : Optional.empty();
    }
}
