package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.connect;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.failed;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static io.mailplatform.delivery.relay.smtp.RelayClients.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each RFC 5321 §4.5.3.2 timeout, configured short: a server that stops answering (or reading) is
 * given up as a temporary failure, the connection closed, never a hang.
 */
class SmtpClientTimeoutTest {
    private static final SmtpClient client = RelayClients.client("timeouts.greeting=400ms", "timeouts.command=400ms",
            "timeouts.mail=400ms", "timeouts.rcpt=400ms", "timeouts.data-initiation=400ms", "timeouts.data-block=400ms",
            "timeouts.data-termination=400ms", "timeouts.tls-handshake=400ms", "timeouts.quit=400ms");

    @AfterAll
    static void stop() {
        client.close();
    }

    private static void timesOut(SmtpFailure failure, String awaited) {
        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.status()).hasToString("4.4.2");
        assertThat(failure.detail()).contains(awaited).contains("PT0.4S");
    }

    @Test
    void greeting() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("CONNECT", FakeResponse.silence()).start()) {
            timesOut(failed(connect(client, server, TlsPolicy.OPPORTUNISTIC)), "no greeting");
        }
    }

    @Test
    void ehlo() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("EHLO", FakeResponse.silence()).start()) {
            timesOut(failed(connect(client, server, TlsPolicy.OPPORTUNISTIC)), "reply to EHLO");
        }
    }

    @Test
    void tlsHandshake() throws Exception {
        // 220 to STARTTLS, then nothing: the handshake never completes
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("STARTTLS")
                .on("STARTTLS", FakeResponse.rawThenSilence("220 go ahead\r\n")).start();
                SmtpClient strict = RelayClients.client("timeouts.tls-handshake=400ms")) {
            SmtpFailure failure = failed(connect(strict, server, TlsPolicy.REQUIRED));
            assertThat(failure.kind()).isEqualTo(FailureKind.TLS_FAILED);
            assertThat(failure.detail()).contains("timed out");
        }
    }

    private static TransactionResult sendTo(FakeSmtpServer server) {
        SmtpConnection connection = connected(client, server);
        TransactionResult result = send(connection, transaction("alice@example.test",
                List.of("a@example.org", "b@example.org"), message("slow", "x\r\n")));
        assertThat(result.temporaryFailures()).hasSize(2);
        assertThat(connection.isUsable()).isFalse();
        return result;
    }

    @Test
    void mail() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("MAIL", FakeResponse.silence()).start()) {
            timesOut(sendTo(server).recipients().get(1).failure(), "reply to MAIL FROM");
        }
    }

    @Test
    void rcpt() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("RCPT", FakeResponse.silence()).start()) {
            timesOut(sendTo(server).recipients().get(0).failure(), "reply to RCPT TO");
        }
    }

    @Test
    void dataInitiation() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("DATA", FakeResponse.silence()).start()) {
            TransactionResult result = sendTo(server);
            timesOut(result.recipients().get(0).failure(), "reply to DATA");
            assertThat(result.message()).isInstanceOf(MessageOutcome.NotSent.class);
        }
    }

    @Test
    void dataTermination() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("DATA-END", FakeResponse.silence()).start()) {
            timesOut(sendTo(server).recipients().get(0).failure(), "reply to the end of the message");
            assertThat(server.transactions()).hasSize(1); // it got the message: a retry may duplicate (RFC 5321 §6.1)
        }
    }

    @Test
    void dataBlock() throws Exception {
        // a server that stops reading: once the socket buffers are full no chunk is taken any more
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("8BITMIME").receiveBufferSize(16 * 1024)
                .pauseDataAfter(0).discardContent().start()) {
            GeneratedContent content = new GeneratedContent(64L << 20, 256 * 1024, server::messageOctetsReceived);
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("bob@example.org")), BodyType.SEVEN_BIT, false, null, null, content));
            timesOut(result.recipients().get(0).failure(), "took no message text");
            assertThat(connection.isUsable()).isFalse();
        }
    }
}
