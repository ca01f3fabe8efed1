package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.ProxyHeaders;
import io.mailplatform.testsupport.Transcript;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HAProxy PROXY protocol (v1 and v2) on the IMAP listeners: from a trusted load balancer the
 * session works with the proxied client's address (here: the login throttle counts the failure
 * against it), from anyone else the header is not honoured.
 */
class ProxyProtocolTest extends ImapTestSupport {
    @Autowired
    LoginThrottle throttle;

    private ImapServer trusting;
    private ImapServer distrusting;
    private Account account;

    @BeforeAll
    void start() throws Exception {
        account = account("proxied");
        trusting = start(new ProxyProtocolSettings(List.of("imap", "imaps"), List.of("127.0.0.0/8"), Duration.ofSeconds(1)));
        distrusting = start(new ProxyProtocolSettings(List.of("imap"), List.of("10.0.0.0/8"), Duration.ofSeconds(1)));
    }

    private ImapServer start(ProxyProtocolSettings proxy) {
        ImapProperties p = properties;
        return startServer(new ImapProperties(p.hostname(), "127.0.0.1", 0, 0, p.allowPlaintextAuth(), p.tlsBundle(), 2,
                p.limits(), p.events(), proxy));
    }

    @AfterAll
    void stop() {
        trusting.stop();
        distrusting.stop();
    }

    /** A failed LOGIN after STARTTLS on a connection whose greeting has been read. */
    private void failLogin(LineClient client, boolean startTls) throws Exception {
        if (startTls) {
            client.send("t0 STARTTLS");
            assertThat(client.readLine()).startsWith("t0 OK");
            client.startTls(Transcript.trustAll());
        }
        client.send("t1 LOGIN " + account.address() + " wrong");
        assertThat(client.readLine()).startsWith("t1 NO [AUTHENTICATIONFAILED]");
    }

    @Test
    void version1HeaderFromATrustedBalancerGivesTheSessionTheClientAddress() throws Exception {
        InetAddress client = InetAddress.getByName("203.0.113.41");
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("imap"))) {
            connection.write(ProxyHeaders.v1("203.0.113.41", "192.0.2.1", 5555, 143));
            assertThat(connection.readLine()).startsWith("* OK");
            failLogin(connection, true);
        }
        assertThat(throttle.failuresFrom(client)).isEqualTo(1);
    }

    @Test
    void version2HeaderComesBeforeImplicitTls() throws Exception {
        InetAddress client = InetAddress.getByName("2001:db8:41::7");
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("imaps"))) {
            connection.write(ProxyHeaders.v2("2001:db8:41::7", "2001:db8::1", 40000, 993));
            connection.startTls(Transcript.trustAll());
            assertThat(connection.readLine()).startsWith("* OK");
            failLogin(connection, false);
        }
        assertThat(throttle.failuresFrom(client)).isEqualTo(1);
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsClosed() throws Exception {
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("imap"))) {
            connection.send("a CAPABILITY");
            assertThat(connection.readLine()).isNull();
        }
        try (LineClient connection = new LineClient("127.0.0.1", trusting.port("imap"))) {
            assertThat(connection.readLine()).isNull(); // nothing within the header timeout
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsRefused() throws Exception {
        InetAddress claimed = InetAddress.getByName("203.0.113.42");
        try (LineClient connection = new LineClient("127.0.0.1", distrusting.port("imap"))) {
            assertThat(connection.readLine()).startsWith("* OK");
            connection.write(ProxyHeaders.v1("203.0.113.42", "192.0.2.1", 5555, 143));
            assertThat(connection.readLine()).startsWith("PROXY BAD");
            failLogin(connection, true);
        }
        assertThat(throttle.failuresFrom(claimed)).isZero();
    }
}
