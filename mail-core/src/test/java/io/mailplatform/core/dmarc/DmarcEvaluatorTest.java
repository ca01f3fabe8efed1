package io.mailplatform.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dkim.DkimSignature;
import io.mailplatform.core.dmarc.DmarcOutcome.Result;
import io.mailplatform.core.dmarc.DmarcRecord.Policy;
import io.mailplatform.core.dns.TxtLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmarcEvaluatorTest {
    private static final Map<String, List<String>> ZONE = Map.of(
            "_dmarc.example.com", List.of("v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com", "v=spf1 -all"),
            "_dmarc.strict.example", List.of("v=DMARC1; p=quarantine; adkim=s; aspf=s"),
            "_dmarc.sampled.example", List.of("v=DMARC1; p=reject; pct=10"),
            "_dmarc.twice.example", List.of("v=DMARC1; p=reject", "v=DMARC1; p=none"),
            "_dmarc.nopolicy.example", List.of("v=DMARC1; p=bogus"),
            "_dmarc.reportonly.example", List.of("v=DMARC1; p=bogus; rua=mailto:r@reportonly.example"),
            "_dmarc.example.co.uk", List.of("v=DMARC1; p=reject"));

    private static DmarcOutcome evaluate(String from, boolean spfPassed, String spfDomain, List<DkimResult> dkim, int percentile) {
        TxtLookup dns = name -> {
            if (name.equals("_dmarc.down.example")) {
                throw new TxtLookup.TemporaryFailure("SERVFAIL");
            }
            return ZONE.getOrDefault(name, List.of());
        };
        return new DmarcEvaluator(dns, () -> percentile).evaluate(from, spfPassed, spfDomain, dkim);
    }

    private static DkimResult dkim(DkimResult.Verdict verdict, String domain) throws Exception {
        DkimSignature signature = DkimSignature.parse("v=1; a=rsa-sha256; d=" + domain + "; s=s; h=from; bh=AA==; b=AA==");
        return new DkimResult(verdict, null, signature, 2048);
    }

    @Test
    void alignedSpfOrDkimPasses() throws Exception {
        assertThat(evaluate("example.com", true, "bounces.example.com", List.of(), 0).result()).isEqualTo(Result.PASS);
        assertThat(evaluate("news.example.com", false, "other.example", List.of(dkim(DkimResult.Verdict.PASS, "example.com")), 0))
                .extracting(DmarcOutcome::result, DmarcOutcome::disposition).containsExactly(Result.PASS, Policy.NONE);
    }

    @Test
    void unalignedOrFailingAuthenticationFailsWithThePolicy() throws Exception {
        DmarcOutcome outcome = evaluate("example.com", true, "evil.example",
                List.of(dkim(DkimResult.Verdict.PASS, "evil.example"), dkim(DkimResult.Verdict.FAIL, "example.com")), 0);
        assertThat(outcome).extracting(DmarcOutcome::result, DmarcOutcome::policy, DmarcOutcome::disposition)
                .containsExactly(Result.FAIL, Policy.REJECT, Policy.REJECT);
        assertThat(outcome.quarantined()).isTrue();
        assertThat(outcome.clause()).isEqualTo(";\r\n\tdmarc=fail (p=reject dis=reject) header.from=example.com");
    }

    @Test
    void aSubdomainWithoutItsOwnRecordGetsSp() {
        assertThat(evaluate("shop.example.com", false, "shop.example.com", List.of(), 0))
                .extracting(DmarcOutcome::policy, DmarcOutcome::disposition).containsExactly(Policy.QUARANTINE, Policy.QUARANTINE);
        assertThat(evaluate("a.b.example.co.uk", false, null, List.of(), 0).policy()).isEqualTo(Policy.REJECT);
    }

    @Test
    void strictAlignmentWantsTheSameDomain() throws Exception {
        assertThat(evaluate("strict.example", true, "mail.strict.example",
                List.of(dkim(DkimResult.Verdict.PASS, "mail.strict.example")), 0).result()).isEqualTo(Result.FAIL);
        assertThat(evaluate("strict.example", true, "STRICT.example", List.of(), 0).result()).isEqualTo(Result.PASS);
    }

    @Test
    void pctSamplesOutToOneStepMilder() {
        assertThat(evaluate("sampled.example", false, null, List.of(), 5).disposition()).isEqualTo(Policy.REJECT);
        assertThat(evaluate("sampled.example", false, null, List.of(), 50).disposition()).isEqualTo(Policy.QUARANTINE);
    }

    @Test
    void noUsableRecordMeansNoDmarc() {
        assertThat(evaluate("unknown.example", false, null, List.of(), 0).result()).isEqualTo(Result.NONE);
        assertThat(evaluate("twice.example", false, null, List.of(), 0).result()).isEqualTo(Result.NONE);
        assertThat(evaluate("nopolicy.example", false, null, List.of(), 0).result()).isEqualTo(Result.NONE);
        assertThat(evaluate("reportonly.example", false, null, List.of(), 0))
                .extracting(DmarcOutcome::result, DmarcOutcome::policy).containsExactly(Result.FAIL, Policy.NONE);
        assertThat(evaluate("down.example", true, "down.example", List.of(), 0).result()).isEqualTo(Result.TEMPERROR);
        DmarcOutcome anonymous = evaluate(null, true, "x.example", List.of(), 0);
        assertThat(anonymous.clause()).isEqualTo(";\r\n\tdmarc=none (no single author domain)");
    }

    @Test
    void organizationalDomainsComeFromThePublicSuffixList() {
        assertThat(OrganizationalDomain.of("mail.Example.COM.")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("co.uk")).isEqualTo("co.uk");
        assertThat(OrganizationalDomain.of("not a domain")).isEqualTo("not a domain");
        assertThat(OrganizationalDomain.aligned("bounce.example.com", "example.com", false)).isTrue();
        assertThat(OrganizationalDomain.aligned("example.co.uk", "other.co.uk", false)).isFalse();
    }
}
