package io.mailplatform.delivery.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.support.SignedZone;
import io.mailplatform.testsupport.dns.StubDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The DNSSEC look-ups of DANE against a stub resolver: validated here from the trust anchor, and an
 * AD bit from the resolver believed only when it is listed in {@code trust-ad-from}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaneResolverTest {
    private StubDnsServer dns;
    private SignedZone zone;
    private List<InetSocketAddress> resolvers;

    @BeforeAll
    void start() throws Exception {
        dns = StubDnsServer.start();
        zone = new SignedZone("signed.test.", dns);
        zone.add("a.signed.test. 300 IN MX 10 mx.a.signed.test.");
        zone.add("_25._tcp.mx.a.signed.test. 300 IN TLSA 3 1 1 " + "ab".repeat(32));
        // an unsigned zone whose resolver claims its answers are authenticated
        dns.add("claimed.test. 300 IN MX 10 mx.claimed.test.");
        dns.add("_25._tcp.mx.claimed.test. 300 IN TLSA 3 1 1 " + "cd".repeat(32));
        dns.authenticated("claimed.test");
        resolvers = List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.port()));
    }

    @AfterAll
    void stop() {
        dns.close();
    }

    private DaneResolver validating() {
        return new DaneResolver(resolvers, zone.trustAnchor(), Set.of(), Duration.ofSeconds(5));
    }

    @Test
    void signedRecordsAreValidatedHere() {
        DaneLookup lookup = validating().lookup("a.signed.test", List.of("mx.a.signed.test"));

        assertThat(lookup).isInstanceOfSatisfying(DaneLookup.Secure.class, secure ->
                assertThat(secure.host("MX.a.signed.test").policyStrings()).containsExactly("3 1 1 " + "ab".repeat(32)));
    }

    @Test
    void anAdBitFromTheResolverIsNotBelievedByDefault() {
        assertThat(validating().lookup("claimed.test", List.of("mx.claimed.test"))).isEqualTo(DaneLookup.NONE);
    }

    @Test
    void anAdBitFromAListedResolverIsBelieved() {
        DaneResolver trusting = new DaneResolver(resolvers, zone.trustAnchor(), Set.copyOf(resolvers),
                Duration.ofSeconds(5));

        assertThat(trusting.lookup("claimed.test", List.of("mx.claimed.test")))
                .isInstanceOfSatisfying(DaneLookup.Secure.class, secure ->
                        assertThat(secure.host("mx.claimed.test").tlsa()).singleElement()
                                .satisfies(t -> assertThat(t.usage()).isEqualTo(3)));
        assertThat(trusting.lookup("a.signed.test", List.of("mx.a.signed.test"))).isEqualTo(DaneLookup.NONE);
    }
}
