package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.connect;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.failed;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static io.mailplatform.delivery.relay.smtp.RelayClients.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a remote server sends is input from the Internet: garbage is a protocol error at once, never a hang. */
class SmtpClientProtocolErrorTest {
    /** Long timeouts: a test that hung until one would fail for it. */
    private static final SmtpClient client = RelayClients.client("limits.max-reply-line-length=1000",
            "limits.max-reply-lines=50");

    @AfterAll
    static void stop() {
        client.close();
    }

    private static void protocolError(SmtpFailure failure) {
        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.status()).hasToString("4.5.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello there\r\n", "SSH-2.0-OpenSSH_9.6\r\n", "220-first\r\n221 second\r\n", "\r\n",
            "22\r\n", "999 what\r\n"})
    void aGreetingThatIsNoReply(String garbage) throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("CONNECT", FakeResponse.raw(garbage)).start()) {
            protocolError(failed(connect(client, server, TlsPolicy.OPPORTUNISTIC)));
        }
    }

    @Test
    void aReplyLineLongerThanTheLimit() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("CONNECT", FakeResponse.raw("220 " + "x".repeat(5000) + "\r\n")).start()) {
            SmtpFailure failure = failed(connect(client, server, TlsPolicy.OPPORTUNISTIC));
            protocolError(failure);
            assertThat(failure.detail()).contains("longer than 1000");
        }
    }

    @Test
    void aReplyWithEndlessLines() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("EHLO", FakeResponse.raw("250-keyword\r\n".repeat(1000) + "250 end\r\n")).start()) {
            SmtpFailure failure = failed(connect(client, server, TlsPolicy.OPPORTUNISTIC));
            protocolError(failure);
            assertThat(failure.detail()).contains("50 lines");
        }
    }

    @Test
    void aReplyToNoCommandPutsTheSessionOutOfStep() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("EHLO", FakeResponse.raw("250 hi\r\n250 again\r\n"))
                .start()) {
            // the stray reply would otherwise be taken for the reply to MAIL
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test", List.of("b@example.org"),
                    message("x", "y\r\n")));
            protocolError(result.recipients().get(0).failure());
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void a421AtAnyTimeEndsTheSession() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("EHLO", FakeResponse.raw("250 hi\r\n421 4.3.2 shutting down\r\n")).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test", List.of("b@example.org"),
                    message("x", "y\r\n")));
            SmtpFailure failure = result.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION_LOST);
            assertThat(failure.diagnosticCode()).isEqualTo("smtp; 421 4.3.2 shutting down");
        }
    }

    @Test
    void garbageInTheMiddleOfATransaction() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("RCPT", FakeResponse.raw("250-ok\r\n251 changed my mind\r\n")).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test", List.of("b@example.org"),
                    message("x", "y\r\n")));
            protocolError(result.recipients().get(0).failure());
            assertThat(connection.isUsable()).isFalse();
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void aConnectionClosedInsteadOfAReply() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().on("MAIL", FakeResponse.disconnect()).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test", List.of("b@example.org"),
                    message("x", "y\r\n")));
            SmtpFailure failure = result.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION_LOST);
            assertThat(failure.permanent()).isFalse();
        }
    }
}
