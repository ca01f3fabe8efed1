package io.mailplatform.delivery.dkim;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dmarc.DmarcEvaluator;
import io.mailplatform.core.dmarc.DmarcOutcome;
import io.mailplatform.core.mime.AuthorDomain;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.spf.SpfOutcome;
import io.mailplatform.delivery.spf.SpfResult;
import java.security.SecureRandom;
import java.util.List;

/**
 * Evaluates the DMARC policy of a message's author domain from its SPF and DKIM results, reading
 * policy records through the delivery service's caching DNS client.
 */
public class DmarcCheck {
    private final DmarcEvaluator evaluator;

    public DmarcCheck(DnsResolver dns) {
        SecureRandom random = new SecureRandom();
        this.evaluator = new DmarcEvaluator(new DnsTxtLookup(dns), () -> random.nextInt(100));
    }

    /**
     * @param spf the SPF outcome, or null when SPF is off (then only DKIM can align)
     * @param dkim the DKIM results, or null when DKIM is off
     */
    public DmarcOutcome evaluate(byte[] message, SpfOutcome spf, List<DkimResult> dkim) {
        boolean spfPassed = spf != null && spf.result() == SpfResult.PASS;
        return evaluator.evaluate(AuthorDomain.of(message).orElse(null), spfPassed, spf == null ? null : spf.domain(),
                dkim == null ? List.of() : dkim);
    }
}
