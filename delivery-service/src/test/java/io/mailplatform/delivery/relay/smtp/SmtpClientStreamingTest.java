package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The message text is streamed from its source a chunk at a time, never held whole. */
class SmtpClientStreamingTest {
    private static final int SERVER_RECEIVE_BUFFER = 64 * 1024;
    private static final int CHUNK = 256 * 1024;
    private static final SmtpClient client = RelayClients.client();

    @AfterAll
    static void stop() {
        client.close();
    }

    /**
     * How far a client that reads a chunk only when the last one is written can be ahead of the
     * server: the kernel's send buffer (at most tcp_wmem's maximum), the server's receive buffer
     * (doubled by the kernel for its bookkeeping), a chunk in flight, a chunk dot-stuffed, and slack.
     */
    private static long bound() throws IOException {
        long sendBuffer = 4L << 20;
        Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        if (Files.isReadable(wmem)) {
            try (InputStream in = Files.newInputStream(wmem)) { // procfs files report no size: read to the end
                String[] values = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                sendBuffer = Long.parseLong(values[values.length - 1]);
            }
        }
        return sendBuffer + 2L * SERVER_RECEIVE_BUFFER + 3L * CHUNK + (1L << 20);
    }

    @Test
    void aTwentyMegabyteMessageIsStreamedWithBoundedMemory() throws Exception {
        long bound = bound();
        // 8BITMIME, so that the client has no reason to read the message once before sending it
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("8BITMIME").receiveBufferSize(SERVER_RECEIVE_BUFFER)
                .pauseDataAfter(1 << 20).discardContent().start()) {
            GeneratedContent content = new GeneratedContent(Math.max(20L << 20, 3 * bound), CHUNK,
                    server::messageOctetsReceived);
            SmtpConnection connection = connected(client, server);
            CompletableFuture<TransactionResult> sending = connection.send(new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("bob@example.org")), BodyType.SEVEN_BIT, false, null, null, content));

            // while the server reads nothing, a client that reads a chunk only when the last one is written
            // soon stops asking; one that read ahead would read the whole message meanwhile
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(server::dataPaused);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> content.sinceLastRead().toMillis() > 300);
            server.resumeData();

            TransactionResult result = RelayClients.await(sending);
            assertThat(result.delivered()).hasSize(1);
            ReceivedTransaction received = server.accepted().get(0);
            assertThat(received.size()).isEqualTo(content.size());
            assertThat(received.sha256()).isEqualTo(content.sha256());
            assertThat(received.strayLineEnds()).isFalse();
            assertThat(content.maxAhead()).as("octets read ahead of the server, message of %d", content.size())
                    .isLessThan(bound);
        }
    }

    @Test
    void aChunkThatCannotBeReadEndsTheTransferWithoutDeliveringATruncatedMessage() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        MessageContent failing = new MessageContent() {
            @Override
            public long size() {
                return 3 * 1024;
            }

            @Override
            public Chunks open() {
                return () -> {
                    if (reads.incrementAndGet() == 3) {
                        throw new IOException("database went away");
                    }
                    return message("part", "x".repeat(1000) + "\r\n");
                };
            }
        };
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("8BITMIME").start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("bob@example.org")), BodyType.SEVEN_BIT, false, null, null, failing));

            SmtpFailure failure = result.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.CONTENT_UNREADABLE);
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.detail()).contains("database went away");
            assertThat(connection.isUsable()).isFalse();
            RelayClients.awaitEnded(server.sessions().get(0));
            assertThat(server.transactions()).as("no final dot was sent").isEmpty();
        }
    }
}
