package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Connection limits, timeouts (RFC 5321 §4.5.3.2) and graceful shutdown, each on a server of its own. */
class LimitsTest extends GatewayTestBase {

    /** Connects from a given loopback address and returns the first line the server sends. */
    private static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String firstLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy()));
        int port = server.port("smtp");
        // one after the other: the limiter counts connections as their sessions start; the refused
        // connection comes last, so no test step depends on when a closed one is released
        try (Socket a = connect("127.0.0.1", port); Socket b = connect("127.0.0.2", port)) {
            assertThat(firstLine(a)).startsWith("220 ");
            assertThat(firstLine(b)).startsWith("220 ");
            try (Socket c = connect("127.0.0.1", port)) {
                assertThat(firstLine(c)).startsWith("220 ");
                try (Socket d = connect("127.0.0.1", port)) {
                    assertThat(firstLine(d)).isEqualTo("421 4.7.0 Too many connections, try again later"); // third from one IP
                    assertThat(d.getInputStream().read()).isEqualTo(-1);
                }
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void connectionsInTotalAreLimited() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.limits(2, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy()));
        int port = server.port("smtp");
        try (Socket a = connect("127.0.0.1", port); Socket b = connect("127.0.0.2", port)) {
            assertThat(firstLine(a)).startsWith("220 ");
            assertThat(firstLine(b)).startsWith("220 ");
            try (Socket c = connect("127.0.0.3", port)) {
                assertThat(firstLine(c)).isEqualTo("421 4.7.0 Too many connections, try again later"); // third in all
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void anIdleClientIsDisconnectedAfterTheCommandTimeout() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMillis(700), Duration.ofMinutes(1)), TestServers.noProxy()));
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            assertThat(client.readLine()).startsWith("220 ");
            client.send("EHLO client.example.org");
            client.readSmtpReply();
            long start = System.nanoTime();
            assertThat(client.readLine()).isEqualTo("421 4.4.2 mx.example.test Timeout, closing connection");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
            assertThat(client.isClosedByServer()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aStalledMessageIsCutOffAfterTheDataTimeout() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMillis(700)), TestServers.noProxy()));
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.write("HELO client.example.org\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                client.readLine();
            }
            client.write("Subject: half a message\r\nand then noth");
            assertThat(client.readLine()).isEqualTo("421 4.4.2 mx.example.test Timeout, closing connection");
            assertThat(client.isClosedByServer()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesIsDisconnectedAfterTheWriteTimeout() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.writeLimits(Duration.ofSeconds(1)), TestServers.noProxy()));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // set before connecting: the window the client offers stays small
            socket.connect(new InetSocketAddress("127.0.0.1", server.port("smtp")));
            socket.setSoTimeout(20_000);
            // pipelined EHLOs, never read: each answer is several lines, so the replies fill the client's
            // window and the server's socket buffer; the server then stops reading commands and, once its
            // output has stood still for the write timeout, closes the connection
            byte[] commands = "EHLO client.example.org\r\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        socket.getOutputStream().write(commands);
                    }
                } catch (IOException e) {
                    // expected: the server closed the connection while commands were still being sent
                }
            });
            writer.start();
            writer.join(20_000);
            assertThat(writer.isAlive()).as("the writer is stopped by the closed connection, not left blocked").isFalse();
            // the connection is over: reading what is left ends (end of stream, or a reset because the
            // server discarded unread commands) instead of running into the read timeout
            byte[] buffer = new byte[65536];
            try {
                while (socket.getInputStream().read(buffer) >= 0) {
                    // drain what the server had sent before it closed
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was not closed", e);
            } catch (SocketException e) {
                assertThat(e.getMessage()).containsIgnoringCase("reset");
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void shutdownSays421ToOpenSessionsAndStopsAccepting() throws Exception {
        SmtpServer server = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy()));
        int port = server.port("smtp");
        try (LineClient idle = new LineClient("127.0.0.1", port); LineClient inTransaction = new LineClient("127.0.0.1", port)) {
            idle.readLine();
            idle.send("EHLO client.example.org");
            idle.readSmtpReply();
            inTransaction.readLine();
            inTransaction.write("HELO client.example.org\r\nMAIL FROM:<a@example.org>\r\n");
            inTransaction.readLine();
            inTransaction.readLine();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread stopping = new Thread(() -> server.stop(stopped::countDown));
            stopping.start();
            assertThat(idle.readLine()).isEqualTo("421 4.3.2 Service shutting down, try again later");
            assertThat(idle.isClosedByServer()).isTrue();
            assertThat(inTransaction.readLine()).isEqualTo("421 4.3.2 Service shutting down, try again later");
            assertThat(inTransaction.isClosedByServer()).isTrue();
            assertThat(stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        } finally {
            if (server.isRunning()) {
                server.stop();
            }
        }
    }

    @Test
    void failedLoginsAreAnsweredLaterAndLaterAndHoldPipelinedCommandsBack() throws Exception {
        Authenticator throttled = new Authenticator(context.getBean(DirectoryService.class), context.getBean(PasswordEncoder.class),
                context.getBean(StoreProperties.class),
                new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withFreeFailures(1, 100)
                        .withDelays(Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(5))));
        SmtpProperties properties = TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy());
        SmtpServer server = TestServers.start(context, properties, throttled);
        try (LineClient client = LineClient.connectTls("127.0.0.1", server.port("submissions"), Transcript.trustAll())) {
            client.readLine();
            client.send("EHLO client.example.org");
            client.readSmtpReply();
            String wrong = "AUTH PLAIN " + SaslPlain.encode(TestDirectory.ALICE, "wrong") + "\r\n";
            client.write(wrong); // the free failure
            assertThat(client.readLine()).startsWith("535 5.7.8");
            long start = System.nanoTime();
            client.write(wrong + "NOOP\r\n");
            assertThat(client.readLine()).startsWith("535 5.7.8");
            assertThat(client.readLine()).isEqualTo("250 2.0.0 Ok"); // answered in order, after the delayed 535
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        } finally {
            server.stop();
        }
    }
}
