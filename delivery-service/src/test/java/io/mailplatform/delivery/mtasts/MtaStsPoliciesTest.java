package io.mailplatform.delivery.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.delivery.config.MtaStsProperties;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.delivery.support.OffsetClock;
import io.mailplatform.delivery.support.PolicyServer;
import io.mailplatform.delivery.support.TestAuthority;
import io.mailplatform.store.mtasts.StsPolicyCache;
import io.mailplatform.testsupport.dns.StubDnsServer;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Policy discovery and its cache (RFC 8461 §3 and §5.1) against the stub DNS, a local HTTPS policy
 * host and the PostgreSQL cache, with a clock of its own: a policy is fetched once per id, again when
 * the id changes, outlives its TXT record until max_age, and every way a fetch fails is named as
 * TLS reports name it.
 */
class MtaStsPoliciesTest extends DeliveryTestSupport {
    private final StubDnsServer dns = StubDnsServerAccess.server();
    @Autowired
    private DnsResolver resolver;
    @Autowired
    private StsPolicyCache cache;
    @Autowired
    private MtaStsProperties properties;
    private final OffsetClock clock = OffsetClock.system();
    private MtaStsPolicies policies;
    private static int next = 1;

    @BeforeEach
    void policies() {
        policies = new MtaStsPolicies(properties, resolver, new PolicyFetcher(properties, resolver, TestAuthority.trust()),
                cache, clock);
    }

    private String stsDomain(String id) {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".sts-cache.test";
        dns.add("_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=" + id + ";\"");
        dns.add("mta-sts." + domain + ". 300 IN A " + address());
        return domain;
    }

    private static synchronized String address() {
        return "127.0.3." + next++;
    }

    private String addressOf(String domain) throws Exception {
        return resolver.addresses("mta-sts." + domain, false).records().get(0).getHostAddress();
    }

    private PolicyServer serve(String domain, String policy) throws Exception {
        return serve(domain, TestAuthority.server("mta-sts." + domain), policy);
    }

    private PolicyServer serve(String domain, SSLContext tls, String policy) throws Exception {
        return PolicyServer.start(addressOf(domain), tls, policy);
    }

    private static String policy(String mode, String mx, long maxAge) {
        return "version: STSv1\nmode: " + mode + "\nmx: " + mx + "\nmax_age: " + maxAge + "\n";
    }

    private static StsLookup.Present present(StsLookup lookup) {
        assertThat(lookup).isInstanceOf(StsLookup.Present.class);
        return (StsLookup.Present) lookup;
    }

    @Test
    void aPolicyIsFetchedOncePerIdAndAgainWhenTheIdChanges() throws Exception {
        String domain = stsDomain("1");
        try (PolicyServer server = serve(domain, policy("testing", "mx1.example.test", 86400))) {
            assertThat(present(policies.lookup(domain)).policy().mode()).isEqualTo(MtaStsMode.TESTING);
            assertThat(present(policies.lookup(domain)).id()).isEqualTo("1");
            assertThat(server.requests()).isEqualTo(1);

            server.policy(policy("enforce", "*.example.test", 86400));
            dns.replace("_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=2;\"");
            StsLookup.Present refreshed = present(policies.lookup(domain));

            assertThat(refreshed.id()).isEqualTo("2");
            assertThat(refreshed.policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
            assertThat(refreshed.policy().permits("mx9.example.test")).isTrue();
            assertThat(server.requests()).isEqualTo(2);
            assertThat(cache.find(domain).orElseThrow().id()).isEqualTo("2");
        }
    }

    @Test
    void anotherInstanceUsesThePolicyOneFetched() throws Exception {
        String domain = stsDomain("7");
        try (PolicyServer server = serve(domain, policy("enforce", "mx.example.test", 86400))) {
            present(policies.lookup(domain));
            MtaStsPolicies other = new MtaStsPolicies(properties, resolver,
                    new PolicyFetcher(properties, resolver, TestAuthority.trust()), cache, clock);

            assertThat(present(other.lookup(domain)).id()).isEqualTo("7");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aCachedPolicyOutlivesItsRecordUntilMaxAge() throws Exception {
        String domain = stsDomain("1");
        try (PolicyServer server = serve(domain, policy("enforce", "mx.example.test", 3600))) {
            present(policies.lookup(domain));
        }
        dns.replace("_mta-sts." + domain + ". 0 IN TXT \"v=spf1 -all\""); // the STS record is gone

        assertThat(present(policies.lookup(domain)).policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
        clock.advance(Duration.ofSeconds(3601));
        assertThat(policies.lookup(domain)).isInstanceOf(StsLookup.Absent.class);
    }

    @Test
    void aFailedFetchKeepsTheCachedPolicy() throws Exception {
        String domain = stsDomain("1");
        try (PolicyServer server = serve(domain, policy("enforce", "mx.example.test", 86400))) {
            present(policies.lookup(domain));
            server.status(500);
            dns.replace("_mta-sts." + domain + ". 0 IN TXT \"v=STSv1; id=2;\"");

            assertThat(present(policies.lookup(domain)).id()).isEqualTo("1");
            assertThat(present(policies.lookup(domain)).id()).isEqualTo("1");
            assertThat(server.requests()).isEqualTo(2); // the failed fetch is not repeated at once
        }
    }

    @Test
    void modeNoneIsNoPolicy() throws Exception {
        String domain = stsDomain("1");
        try (PolicyServer server = serve(domain, "version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n")) {
            assertThat(policies.lookup(domain)).isInstanceOf(StsLookup.Absent.class);
        }
    }

    @Test
    void noRecordIsNoPolicy() {
        assertThat(policies.lookup(UUID.randomUUID().toString().substring(0, 8) + ".sts-cache.test"))
                .isInstanceOf(StsLookup.Absent.class);
    }

    @Test
    void fetchFailuresAreNamedAsTlsReportsNameThem() throws Exception {
        assertUnavailable(stsDomain("1"), 404, "text/plain", null, TlsResultType.STS_POLICY_FETCH_ERROR);
        assertUnavailable(stsDomain("1"), 301, "text/plain", null, TlsResultType.STS_POLICY_FETCH_ERROR);
        assertUnavailable(stsDomain("1"), 200, "text/plain", "version: STSv2\n", TlsResultType.STS_POLICY_INVALID);
        assertUnavailable(stsDomain("1"), 200, "text/plain", "x".repeat((int) properties.maxPolicySize().toBytes() + 1),
                TlsResultType.STS_POLICY_FETCH_ERROR);
        String untrusted = stsDomain("1");
        try (PolicyServer server = serve(untrusted, SelfSignedCertificate.generate("mta-sts." + untrusted).sslBundle()
                .createSslContext(), policy("enforce", "mx.example.test", 86400))) {
            assertThat(unavailable(policies.lookup(untrusted)).type()).isEqualTo(TlsResultType.STS_WEBPKI_INVALID);
        }
        String wrongName = stsDomain("1");
        try (PolicyServer server = serve(wrongName, TestAuthority.server("mta-sts.elsewhere.test"),
                policy("enforce", "mx.example.test", 86400))) {
            assertThat(unavailable(policies.lookup(wrongName)).type()).isEqualTo(TlsResultType.STS_WEBPKI_INVALID);
        }
        String nobody = stsDomain("1"); // nothing listens at its address
        assertThat(unavailable(policies.lookup(nobody)).type()).isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
    }

    private void assertUnavailable(String domain, int status, String type, String body, TlsResultType expected)
            throws Exception {
        try (PolicyServer server = serve(domain, body == null ? policy("enforce", "mx.example.test", 86400) : body)
                .status(status).contentType(type)) {
            StsLookup.Unavailable unavailable = unavailable(policies.lookup(domain));
            assertThat(unavailable.type()).as(unavailable.reason()).isEqualTo(expected);
        }
    }

    private static StsLookup.Unavailable unavailable(StsLookup lookup) {
        assertThat(lookup).isInstanceOf(StsLookup.Unavailable.class);
        return (StsLookup.Unavailable) lookup;
    }
}
