package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.ProxyHeaders;
import io.mailplatform.testsupport.Transcript;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy PROXY protocol (v1 and v2) on the POP3 listeners: from a trusted load balancer the
 * session works with the proxied client's address (the login throttle counts the failure against
 * it), from anyone else the header is not honoured.
 */
class Pop3ProxyProtocolTest extends Pop3ServerTest {
    private Pop3Server trusting;
    private Pop3Server distrusting;
    private LoginThrottle throttle;

    @BeforeAll
    void start() {
        for (String user : List.of("proxied1", "proxied2", "proxied3")) {
            fixtures.account(user + "@example.test", "right");
        }
        throttle = fixtures.bean(LoginThrottle.class);
        trusting = fixtures.startServer(Pop3Fixtures.settings()
                .proxy(new ProxyProtocolSettings(List.of("pop3", "pop3s"), List.of("127.0.0.0/8"), Duration.ofSeconds(1))));
        distrusting = fixtures.startServer(Pop3Fixtures.settings()
                .proxy(new ProxyProtocolSettings(List.of("pop3"), List.of("10.0.0.0/8"), Duration.ofSeconds(1))));
    }

    /** A failed USER/PASS after STLS on a connection whose greeting has been read. */
    private static void failLogin(LineClient client, String user, boolean stls) throws Exception {
        if (stls) {
            client.send("STLS");
            assertThat(client.readLine()).startsWith("+OK");
            client.startTls(Transcript.trustAll());
        }
        client.send("USER " + user + "@example.test");
        assertThat(client.readLine()).startsWith("+OK");
        client.send("PASS wrong");
        assertThat(client.readLine()).isEqualTo("-ERR [AUTH] Authentication failed");
    }

    @Test
    void version1HeaderFromATrustedBalancerGivesTheSessionTheClientAddress() throws Exception {
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("pop3"))) {
            connection.write(ProxyHeaders.v1("203.0.113.51", "192.0.2.1", 5555, 110));
            assertThat(connection.readLine()).startsWith("+OK");
            failLogin(connection, "proxied1", true);
        }
        assertThat(throttle.failuresFrom(InetAddress.getByName("203.0.113.51"))).isEqualTo(1);
    }

    @Test
    void version2HeaderComesBeforeImplicitTls() throws Exception {
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("pop3s"))) {
            connection.write(ProxyHeaders.v2("198.51.100.51", "192.0.2.1", 40000, 995));
            connection.startTls(Transcript.trustAll());
            assertThat(connection.readLine()).startsWith("+OK");
            failLogin(connection, "proxied2", false);
        }
        assertThat(throttle.failuresFrom(InetAddress.getByName("198.51.100.51"))).isEqualTo(1);
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsClosed() throws Exception {
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("pop3"))) {
            connection.send("CAPA");
            assertThat(connection.readLine()).isNull();
        }
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("pop3"))) {
            assertThat(connection.readLine()).isNull(); // nothing within the header timeout
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsRefused() throws Exception {
        try (LineClient connection = new LineClient("127.0.0.1", distrusting.port("pop3"))) {
            assertThat(connection.readLine()).startsWith("+OK");
            connection.write(ProxyHeaders.v1("203.0.113.52", "192.0.2.1", 5555, 110));
            assertThat(connection.readLine()).startsWith("-ERR");
            failLogin(connection, "proxied3", true);
        }
        assertThat(throttle.failuresFrom(InetAddress.getByName("203.0.113.52"))).isZero();
    }
}
