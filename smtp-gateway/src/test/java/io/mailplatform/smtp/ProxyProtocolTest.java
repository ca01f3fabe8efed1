package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.ProxyHeaders;
import io.mailplatform.testsupport.Transcript;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy PROXY protocol (v1 and v2) on a listener behind a load balancer: honoured only from
 * trusted networks, and the proxied address is the one used for limits, the envelope and Received.
 */
class ProxyProtocolTest extends GatewayTestBase {
    private SmtpServer trusting;
    private SmtpServer distrusting;

    @BeforeAll
    void start() {
        SmtpProperties.Limits oneEach = TestServers.limits(100, 1, Duration.ofMinutes(1), Duration.ofMinutes(1));
        trusting = TestServers.start(context, TestServers.properties(oneEach,
                new ProxyProtocolSettings(List.of("smtp", "submissions"), List.of("127.0.0.0/8"), Duration.ofSeconds(1))));
        distrusting = TestServers.start(context, TestServers.properties(oneEach,
                new ProxyProtocolSettings(List.of("smtp"), List.of("10.0.0.0/8"), Duration.ofSeconds(1))));
    }

    @AfterAll
    void stop() {
        trusting.stop();
        distrusting.stop();
    }

    /** Sends one message through a proxied connection and returns its envelope id. */
    private static String sendMessage(LineClient client) throws Exception {
        assertThat(client.readLine()).isEqualTo("220 mx.example.test ESMTP");
        client.write("EHLO lb.example\r\n");
        client.readSmtpReply();
        client.write("MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
        client.readLine();
        client.readLine();
        client.readLine();
        client.write("Subject: proxied\r\n\r\nhi\r\n.\r\n");
        String reply = client.readLine();
        assertThat(reply).startsWith("250 2.0.0");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }

    private static InboundTopic.Published published(String id) {
        return InboundTopic.withId(id).get(0);
    }

    @Test
    void version1HeaderFromATrustedBalancerGivesTheClientAddress() throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", trusting.port("smtp"))) {
            client.write("PROXY TCP4 203.0.113.7 192.0.2.1 5555 25\r\n");
            String id = sendMessage(client);
            InboundTopic.Published record = published(id);
            assertThat(record.envelope().clientAddress()).isEqualTo("203.0.113.7");
            assertThat(new String(record.message(), StandardCharsets.UTF_8)).startsWith("Received: from lb.example ([203.0.113.7])");
        }
    }

    @Test
    void version2HeaderWorksBeforeImplicitTls() throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", trusting.port("submissions"))) {
            client.write(ProxyHeaders.v2("2001:db8::5", "2001:db8::1", 40000, 465));
            client.startTls(Transcript.trustAll());
            assertThat(client.readLine()).isEqualTo("220 mx.example.test ESMTP");
            client.write("EHLO lb.example\r\nAUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdAB3b25kZXIgbGFuZA==\r\n");
            client.readSmtpReply();
            assertThat(client.readLine()).startsWith("235 ");
            client.write("MAIL FROM:<alice@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            client.readLine();
            client.readLine();
            client.readLine();
            client.write("\r\nv2\r\n.\r\n");
            String reply = client.readLine();
            assertThat(published(reply.substring(reply.lastIndexOf(' ') + 1)).envelope().clientAddress()).isEqualTo("2001:db8:0:0:0:0:0:5");
        }
    }

    @Test
    void connectionLimitsCountTheProxiedAddress() throws Exception {
        int port = trusting.port("smtp");
        try (LineClient first = new LineClient("127.0.0.1", port)) {
            first.write("PROXY TCP4 198.51.100.1 192.0.2.1 1000 25\r\n");
            assertThat(first.readLine()).startsWith("220 ");
            try (LineClient other = new LineClient("127.0.0.1", port)) {
                other.write("PROXY TCP4 198.51.100.2 192.0.2.1 1000 25\r\n");
                assertThat(other.readLine()).startsWith("220 "); // same balancer, another client
            }
            try (LineClient same = new LineClient("127.0.0.1", port)) {
                same.write("PROXY TCP4 198.51.100.1 192.0.2.1 1001 25\r\n");
                assertThat(same.readLine()).isEqualTo("421 4.7.0 Too many connections, try again later");
            }
        }
    }

    @Test
    void aMalformedOrMissingHeaderFromATrustedPeerClosesTheConnection() throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", trusting.port("smtp"))) {
            client.write("EHLO not-a-proxy-header.example\r\n");
            assertThat(client.readLine()).isNull();
        }
        try (LineClient client = new LineClient("127.0.0.1", trusting.port("smtp"))) {
            assertThat(client.readLine()).isNull(); // nothing within the header timeout
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsJustABadCommand() throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", distrusting.port("smtp"))) {
            assertThat(client.readLine()).isEqualTo("220 mx.example.test ESMTP");
            client.write("PROXY TCP4 203.0.113.7 192.0.2.1 5555 25\r\n");
            assertThat(client.readLine()).isEqualTo("500 5.5.1 Command not recognized");
        }
    }
}
