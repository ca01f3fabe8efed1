package io.mailplatform.delivery.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dnsjava resolver against a real UDP DNS server: answers, NXDOMAIN, timeouts, the cache, CNAMEs. */
class DnsjavaResolverTest {
    StubDnsServer server;
    DnsjavaResolver resolver;

    @BeforeEach
    void start() throws Exception {
        server = new StubDnsServer()
                .add("example.org. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24\" \" -all\"")
                .add("example.org. 300 IN TXT \"other text\"")
                .add("example.org. 300 IN MX 10 mx.example.org.")
                .add("example.org. 300 IN A 192.0.2.10")
                .add("mx.example.org. 300 IN A 192.0.2.25")
                .add("mx.example.org. 300 IN AAAA 2001:db8::25")
                .add("alias.example.org. 300 IN CNAME example.org.")
                .add("25.2.0.192.in-addr.arpa. 300 IN PTR mx.example.org.")
                .add("nullmx.example.org. 300 IN MX 0 .")
                .silent("slow.example.org");
        resolver = new DnsjavaResolver(List.of(server.address()), Duration.ofMillis(1500), 0, 1000);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersEveryRecordTypeSpfNeeds() throws Exception {
        assertThat(resolver.txt("example.org")).containsExactlyInAnyOrder("v=spf1 ip4:192.0.2.0/24 -all", "other text");
        assertThat(resolver.mx("example.org")).containsExactly("mx.example.org");
        assertThat(resolver.mx("nullmx.example.org")).containsExactly(".");
        assertThat(resolver.addresses("mx.example.org", false)).containsExactly(InetAddress.getByName("192.0.2.25"));
        assertThat(resolver.addresses("mx.example.org", true)).containsExactly(InetAddress.getByName("2001:db8::25"));
        assertThat(resolver.ptr("25.2.0.192.in-addr.arpa")).containsExactly("mx.example.org");
        assertThat(resolver.txt("alias.example.org")).hasSize(2);
    }

    @Test
    void missingNamesAndTypesAreEmptyNotErrors() throws Exception {
        assertThat(resolver.txt("nothing.example.org")).isEmpty();
        assertThat(resolver.addresses("example.org", true)).isEmpty();
    }

    @Test
    void aQueryWithoutAnswerIsATemporaryError() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> resolver.txt("slow.example.org")).isInstanceOf(DnsException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void answersAreCached() throws Exception {
        resolver.txt("example.org");
        int after = server.queries();
        assertThat(resolver.txt("example.org")).hasSize(2);
        assertThat(server.queries()).isEqualTo(after);
    }

    @Test
    void checkHostOverRealDns() throws Exception {
        SpfChecker checker = new SpfChecker(resolver, "%{i} is not allowed to send for %{d}", "mx.test",
                Duration.ofSeconds(20), Clock.systemUTC());
        assertThat(checker.checkHost(InetAddress.getByName("192.0.2.77"), "example.org", "a@example.org", "h.example.org")
                .result()).isEqualTo(SpfResult.PASS);
        SpfVerdict fail = checker.checkHost(InetAddress.getByName("198.51.100.1"), "example.org", "a@example.org",
                "h.example.org");
        assertThat(fail.result()).isEqualTo(SpfResult.FAIL);
        assertThat(fail.explanation()).isEqualTo("198.51.100.1 is not allowed to send for example.org");
        assertThat(checker.checkHost(InetAddress.getByName("192.0.2.77"), "slow.example.org", "a@slow.example.org",
                "h.example.org").result()).isEqualTo(SpfResult.TEMPERROR);
    }
}
