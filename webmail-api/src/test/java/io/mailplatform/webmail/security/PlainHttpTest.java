package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Plain HTTP configured behind a TLS-terminating proxy at 127.0.0.2, with loopback not trusted (as
 * when a local proxy forwards from elsewhere): then a client at 127.0.0.1 is an ordinary untrusted
 * client. Credentials are refused unless the request came through the proxy, which says it
 * received it over HTTPS; nobody else can claim that with the header.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.http.plain=true", "mail.http.trust-loopback=false",
                "mail.http.trusted-proxies=127.0.0.2/32", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1"})
@RealInfrastructure(kafka = false)
class PlainHttpTest {
    private static final String PROXY = "127.0.0.2";
    private static final String CLIENT = "127.0.0.1";

    @LocalServerPort
    int port;

    /** A raw HTTP/1.1 exchange from the given source address: the status line, headers and body. */
    private List<String> get(String from, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Authorization: " + ApiClient.basic("admin", "admin-secret"));
        return exchange(from, all);
    }

    private List<String> exchange(String from, List<String> headers) throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", port, InetAddress.getByName(from))) {
            StringBuilder request = new StringBuilder("GET /api/admin/domains HTTP/1.1\r\nHost: mail.example.test\r\n"
                    + "Connection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            client.write(request.append("\r\n").toString());
            List<String> lines = new ArrayList<>();
            for (String line = client.readLine(); line != null; line = client.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    private static void assertRefused(List<String> response) {
        assertThat(response.get(0)).isEqualTo("HTTP/1.1 401 ");
        assertThat(response).contains("Content-Type: application/problem+json;charset=UTF-8")
                .noneMatch(line -> line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17));
        assertThat(String.join("\n", response)).contains("\"status\":401", TlsRequiredFilter.DETAIL);
    }

    @Test
    void credentialsOverPlainHttpFromAnUntrustedAddressAreRefusedUnread() throws Exception {
        assertRefused(get(CLIENT));
        // the header proves nothing from a peer that is not a trusted proxy
        assertRefused(get(CLIENT, "X-Forwarded-Proto: https"));
        // without credentials the answer is the same, and carries no Basic challenge
        assertRefused(exchange(CLIENT, List.of()));
    }

    @Test
    void aTrustedProxyThatReceivedTheRequestOverHttpsIsServed() throws Exception {
        assertThat(get(PROXY, "X-Forwarded-Proto: https").get(0)).isEqualTo("HTTP/1.1 200 ");
        assertThat(get(PROXY, "X-Forwarded-Proto: HTTPS, http").get(0)).isEqualTo("HTTP/1.1 200 ");
    }

    @Test
    void aTrustedProxyThatReceivedPlainHttpIsRefused() throws Exception {
        assertRefused(get(PROXY));
        assertRefused(get(PROXY, "X-Forwarded-Proto: http"));
        assertRefused(get(PROXY, "X-Forwarded-Proto: http, https"));
    }
}
