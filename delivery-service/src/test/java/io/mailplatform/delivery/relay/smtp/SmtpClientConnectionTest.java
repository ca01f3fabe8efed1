package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.await;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connect;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Opening sessions: what fails, how it is classified, and the bound on connections. */
class SmtpClientConnectionTest {

    @Test
    void aRefusedConnectionIsATemporaryFailure() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (SmtpClient client = RelayClients.client()) {
            ConnectResult result = await(client.connect(new RemoteHost("mx.example.org",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), TlsPolicy.OPPORTUNISTIC, null));
            SmtpFailure failure = failed(result);
            assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.status()).hasToString("4.4.1");
            assertThat(failure.detail()).contains("mx.example.org[127.0.0.1]:" + port);
            assertThat(failure.diagnosticCode()).isNull();
            assertThat(client.openConnections()).isZero();
        }
    }

    @Test
    void aServerThatNeverAcceptsTimesOutAtTheConnectTimeout() throws Exception {
        // a listener whose accept queue is full drops further connection attempts unanswered
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SmtpClient client = RelayClients.client("timeouts.connect=300ms")) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Socket filler = new Socket();
                    fillers.add(filler);
                    try {
                        filler.connect(full.getLocalSocketAddress(), 300);
                    } catch (java.net.SocketTimeoutException queueFull) {
                        break;
                    }
                }
                SmtpFailure failure = failed(await(client.connect(new RemoteHost("slow.example.org",
                        (InetSocketAddress) full.getLocalSocketAddress()), TlsPolicy.OPPORTUNISTIC, null)));
                assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
                assertThat(failure.detail()).contains("timed out");
                assertThat(failure.permanent()).isFalse();
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aGreetingThatRefusesIsATemporaryFailureFollowedByQuit() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("CONNECT", FakeResponse.reply("554 5.3.2 no service for you")).start();
                SmtpClient client = RelayClients.client()) {
            SmtpFailure failure = failed(connect(client, server, TlsPolicy.OPPORTUNISTIC));
            assertThat(failure.kind()).isEqualTo(FailureKind.GREETING_REFUSED);
            // another host of the destination, or a later attempt, may take it (Postfix's smtp_skip_5xx_greeting)
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.status()).hasToString("4.3.2");
            assertThat(failure.diagnosticCode()).isEqualTo("smtp; 554 5.3.2 no service for you");
            RelayClients.awaitEnded(server.sessions().get(0));
            assertThat(server.sessions().get(0).verbs()).containsExactly("QUIT");
        }
    }

    @Test
    void refusedEhloAndHeloFailByTheirCode() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().ehloRefused()
                .on("HELO", FakeResponse.reply("550 5.7.1 go away")).start();
                SmtpClient client = RelayClients.client()) {
            SmtpFailure failure = failed(connect(client, server, TlsPolicy.OPPORTUNISTIC));
            assertThat(failure.kind()).isEqualTo(FailureKind.HELLO_REFUSED);
            assertThat(failure.permanent()).isTrue();
            assertThat(failure.diagnosticCode()).isEqualTo("smtp; 550 5.7.1 go away");
        }
    }

    @Test
    void noMoreThanTheConfiguredConnectionsAreOpenAtOnce() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start();
                SmtpClient client = RelayClients.client("max-connections=2")) {
            SmtpConnection first = connected(client, server);
            SmtpConnection second = connected(client, server);
            assertThat(client.openConnections()).isEqualTo(2);

            SmtpFailure refused = failed(connect(client, server, TlsPolicy.OPPORTUNISTIC));
            assertThat(refused.kind()).isEqualTo(FailureKind.CONNECTION_LIMIT);
            assertThat(refused.permanent()).isFalse();
            assertThat(server.sessions()).hasSize(2);

            await(first.close());
            Awaitility.await().until(() -> client.openConnections() == 1);
            SmtpConnection third = connected(client, server);
            assertThat(third.isUsable()).isTrue();
            await(second.close());
            await(third.close());
            Awaitility.await().until(() -> client.openConnections() == 0);
        }
    }
}
