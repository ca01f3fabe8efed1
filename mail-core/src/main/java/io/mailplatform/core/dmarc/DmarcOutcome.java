package io.mailplatform.core.dmarc;

import io.mailplatform.core.dmarc.DmarcRecord.Policy;

/**
 * What DMARC says about one message (RFC 7489 §6.6).
 *
 * @param fromDomain the author domain (RFC5322.From), or null when the message has no single one
 * @param policy the policy that applies (p=, or sp= for a subdomain), or null without a record
 * @param disposition what to do: the policy, or one step milder when pct= sampled it out; NONE on pass
 * @param evaluation what an aggregate report needs (RFC 7489 §7.2): the record and the aligned results;
 *        null when no record was found
 */
public record DmarcOutcome(Result result, String fromDomain, Policy policy, Policy disposition, String reason,
        Evaluation evaluation) {

    /** An outcome without a record to report on. */
    public DmarcOutcome(Result result, String fromDomain, Policy policy, Policy disposition, String reason) {
        this(result, fromDomain, policy, disposition, reason, null);
    }

    /**
     * @param policyDomain where the record was found: the author domain or its organizational domain
     * @param record the record, with the rua= addresses reports go to
     * @param spfAligned whether SPF passed for a domain aligned with the author domain
     * @param dkimAligned whether a DKIM signature of an aligned domain passed
     */
    public record Evaluation(String policyDomain, DmarcRecord record, boolean spfAligned, boolean dkimAligned) {
    }

    public enum Result {
        PASS("pass"), FAIL("fail"), NONE("none"), TEMPERROR("temperror"), PERMERROR("permerror");

        private final String keyword;

        Result(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Whether the message is to be treated as suspect: quarantined (or rejected, which delivery turns into quarantine). */
    public boolean quarantined() {
        return disposition == Policy.QUARANTINE || disposition == Policy.REJECT;
    }

    /** The dmarc clause of Authentication-Results, starting with ";\r\n\t" (RFC 7489 §11.2: header.from). */
    public String clause() {
        StringBuilder out = new StringBuilder(";\r\n\tdmarc=").append(result.keyword());
        if (policy != null) {
            out.append(" (p=").append(policy.keyword()).append(" dis=").append(disposition.keyword()).append(')');
        } else if (reason != null) {
            out.append(" (").append(reason.replaceAll("[()\\\\\\p{Cntrl}]", "_")).append(')');
        }
        if (fromDomain != null) {
            out.append(" header.from=").append(fromDomain);
        }
        return out.toString();
    }
}
