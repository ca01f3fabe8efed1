package io.mailplatform.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.dns.StubDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MX routing (RFC 5321 §5.1, RFC 7505) over a real DNS server on loopback. */
class MxResolverTest {
    StubDnsServer server;
    CachingDnsResolver dns;
    MxResolver mx;

    @BeforeEach
    void start() throws Exception {
        server = StubDnsServer.start()
                .add("spread.example. 300 IN MX 20 c.spread.example.")
                .add("spread.example. 300 IN MX 10 a.spread.example.")
                .add("spread.example. 300 IN MX 5 d.spread.example.")
                .add("spread.example. 300 IN MX 10 b.spread.example.")
                .add("a.spread.example. 300 IN A 192.0.2.1")
                .add("b.spread.example. 300 IN A 192.0.2.2")
                .add("c.spread.example. 300 IN A 192.0.2.3")
                .add("d.spread.example. 300 IN AAAA 2001:db8::4")
                .add("d.spread.example. 300 IN A 192.0.2.4")
                .add("plain.example. 300 IN A 192.0.2.10")
                .add("plain.example. 300 IN AAAA 2001:db8::10")
                .add("nullmx.example. 300 IN MX 0 .")
                .add("nothing.example. 300 IN TXT \"v=spf1 -all\"")
                .add("dangling.example. 300 IN MX 10 gone.dangling.example.")
                .add("alias.example. 300 IN CNAME real.example.")
                .add("real.example. 300 IN MX 10 mail-alias.real.example.")
                .add("mail-alias.real.example. 300 IN CNAME mail.real.example.")
                .add("mail.real.example. 300 IN A 192.0.2.20")
                .add("half.example. 300 IN MX 10 down.half.example.")
                .add("half.example. 300 IN MX 20 up.half.example.")
                .add("up.half.example. 300 IN A 192.0.2.30")
                .silent("down.half.example")
                .silent("unreachable.example")
                .add("hosts-down.example. 300 IN MX 10 down.half.example.");
        dns = new CachingDnsResolver(CachingDnsResolverTest.settings(List.of(server.address()), Duration.ofMillis(200), 1, 20));
        mx = new MxResolver(dns, 10, new Random(7));
    }

    @AfterEach
    void stop() {
        dns.close();
        server.close();
    }

    private static List<String> hosts(MxResolution resolution) {
        return ((MxResolution.Destinations) resolution).targets().stream().map(MxTarget::host).toList();
    }

    @Test
    void hostsComeByPreferenceWithEqualPreferencesInRandomOrder() {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            List<String> hosts = hosts(mx.resolve("spread.example"));
            assertThat(hosts.get(0)).isEqualTo("d.spread.example");
            assertThat(hosts.subList(1, 3)).containsExactlyInAnyOrder("a.spread.example", "b.spread.example");
            assertThat(hosts.get(3)).isEqualTo("c.spread.example");
            orders.add(hosts);
        }
        assertThat(orders).hasSize(2); // both orders of the two hosts of preference 10
        assertThat(server.queries("spread.example", "MX")).isEqualTo(1); // the shuffle is per call, the answer cached
    }

    @Test
    void everyHostCarriesItsIpv6ThenIpv4Addresses() throws Exception {
        MxTarget first = ((MxResolution.Destinations) mx.resolve("spread.example")).targets().get(0);
        assertThat(first.preference()).isEqualTo(5);
        assertThat(first.addresses()).containsExactly(InetAddress.getByName("2001:db8::4"), InetAddress.getByName("192.0.2.4"));
    }

    @Test
    void aDomainWithoutMxIsItsOwnImplicitMx() throws Exception {
        MxResolution resolution = mx.resolve("plain.example.");
        assertThat(((MxResolution.Destinations) resolution).targets()).containsExactly(new MxTarget("plain.example", 0,
                List.of(InetAddress.getByName("2001:db8::10"), InetAddress.getByName("192.0.2.10"))));
    }

    @Test
    void aNullMxFailsAtOnce() {
        assertThat(mx.resolve("nullmx.example")).isEqualTo(new MxResolution.NullMx("nullmx.example"));
        assertThat(server.queries("nullmx.example", "A") + server.queries("nullmx.example", "AAAA")).isZero();
    }

    @Test
    void cnamesAreFollowedForTheDomainAndItsHosts() throws Exception {
        MxResolution resolution = mx.resolve("alias.example");
        MxTarget target = ((MxResolution.Destinations) resolution).targets().get(0);
        assertThat(target.host()).isEqualTo("mail-alias.real.example");
        assertThat(target.addresses()).containsExactly(InetAddress.getByName("192.0.2.20"));
    }

    @Test
    void aDomainThatDoesNotExistIsAPermanentFailure() {
        MxResolution.Failure failure = (MxResolution.Failure) mx.resolve("missing.example");
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.status()).isEqualTo(MxResolution.Failure.NO_SUCH_DOMAIN);
    }

    @Test
    void noAddressAnywhereIsAPermanentFailure() {
        for (String domain : List.of("nothing.example", "dangling.example")) {
            MxResolution.Failure failure = (MxResolution.Failure) mx.resolve(domain);
            assertThat(failure.permanent()).as(domain).isTrue();
            assertThat(failure.status()).isEqualTo(MxResolution.Failure.UNROUTABLE);
        }
    }

    @Test
    void dnsTroubleIsATemporaryFailureUnlessAnotherHostIsUsable() {
        MxResolution.Failure failure = (MxResolution.Failure) mx.resolve("unreachable.example");
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.status()).isEqualTo(MxResolution.Failure.DNS_TEMPORARY);
        MxResolution.Failure hostsDown = (MxResolution.Failure) mx.resolve("hosts-down.example");
        assertThat(hostsDown.permanent()).isFalse();
        assertThat(hosts(mx.resolve("half.example"))).containsExactly("up.half.example");
    }
}
