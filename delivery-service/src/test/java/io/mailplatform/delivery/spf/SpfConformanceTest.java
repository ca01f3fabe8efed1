package io.mailplatform.delivery.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.dns.DnsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every case of the OpenSPF RFC 7208 test suite (test resources {@code spf/}, copied unmodified
 * with its licence; its README names the origin) against {@link SpfChecker} with an in-memory DNS per
 * scenario; explanations included.
 */
class SpfConformanceTest {
    private static final String SUITE = "/spf/rfc7208-tests.yml";
    private static final int EXPECTED_CASES = 203;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> scenarios() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 << 20);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        try (InputStream in = SpfConformanceTest.class.getResourceAsStream(SUITE)) {
            if (in == null) {
                throw new IllegalStateException("SPF conformance suite " + SUITE + " is not on the test class path");
            }
            for (Object document : new Yaml(options).loadAll(in)) {
                if (document != null) {
                    scenarios.add((Map<String, Object>) document);
                }
            }
        }
        return scenarios;
    }

    @Test
    void theWholeSuiteIsThere() throws IOException {
        List<Map<String, Object>> scenarios = scenarios();
        assertThat(scenarios).hasSize(16);
        assertThat(scenarios.stream().mapToInt(s -> ((Map<?, ?>) s.get("tests")).size()).sum()).isEqualTo(EXPECTED_CASES);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> rfc7208Suite() throws IOException {
        return scenarios().stream().map(scenario -> {
            DnsResolver dns = new ZoneResolver((Map<String, Object>) scenario.get("zonedata"));
            SpfChecker checker = new SpfChecker(dns, "DEFAULT", "receiver.example", Duration.ofSeconds(20),
                    Duration.ofSeconds(5), Clock.systemUTC());
            Map<String, Map<String, Object>> tests = (Map<String, Map<String, Object>>) scenario.get("tests");
            return DynamicContainer.dynamicContainer(String.valueOf(scenario.get("description")),
                    tests.entrySet().stream().map(test -> DynamicTest.dynamicTest(test.getKey(),
                            () -> check(checker, test.getKey(), test.getValue()))));
        });
    }

    private static void check(SpfChecker checker, String name, Map<String, Object> test) throws Exception {
        String mailFrom = String.valueOf(test.get("mailfrom"));
        String helo = String.valueOf(test.get("helo"));
        String domain;
        String sender;
        if (mailFrom.isEmpty()) {
            domain = helo;
            sender = "postmaster@" + helo;
        } else {
            domain = mailFrom.substring(mailFrom.lastIndexOf('@') + 1);
            sender = mailFrom;
        }
        SpfVerdict verdict = checker.checkHost(InetAddress.getByName(String.valueOf(test.get("host"))), domain, sender, helo);
        Object expected = test.get("result");
        List<String> acceptable = expected instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(expected));
        assertThat(verdict.result().keyword()).as("%s (spec %s): %s", name, test.get("spec"), verdict.problem())
                .isIn(acceptable);
        if (test.containsKey("explanation")) {
            assertThat(verdict.explanation()).as("%s explanation", name).isEqualTo(test.get("explanation"));
        }
    }
}
