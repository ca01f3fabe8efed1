package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.smtp.intake.MessageMemoryBudget;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.TestKafka;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * The memory budget for message text ({@code mail.smtp.limits.memory-budget}) over real sockets: a
 * gateway with messages of up to 1 MB and a budget of 2 MB. Large messages beyond what the budget
 * holds get {@code 452 4.3.1} at their end (never a cut connection), the budget never goes over,
 * other clients are served meanwhile, accepted messages arrive whole, and every path that ends a
 * message gives its reservation back.
 */
class MemoryBudgetTest extends GatewayTestBase {
    private static final int LARGE = 700_000;
    private static final String REFUSED = "452 4.3.1 Insufficient system storage";

    private static SmtpServer start(ApplicationContext context, Duration dataTimeout) {
        return TestServers.start(context, TestServers.properties(
                TestServers.memoryLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(2), dataTimeout), TestServers.noProxy()));
    }

    /** {@code length} octets of message text in 80-octet lines, none starting with a dot. */
    private static byte[] text(int length, char fill) {
        byte[] text = new byte[length];
        Arrays.fill(text, (byte) fill);
        for (int i = 78; i < length; i += 80) {
            text[i] = '\r';
            if (i + 1 < length) {
                text[i + 1] = '\n';
            }
        }
        return text;
    }

    private static LineClient greeted(int port, String name) throws IOException {
        LineClient client = new LineClient("127.0.0.1", port);
        assertThat(client.readLine()).startsWith("220 ");
        client.send("EHLO " + name + ".example.org");
        client.readSmtpReply();
        return client;
    }

    /** MAIL and RCPT, then a first BDAT chunk that the server keeps until the LAST one comes. */
    private static String firstChunk(LineClient client, byte[] chunk) throws IOException {
        client.write("MAIL FROM:<big@example.org>\r\nRCPT TO:<alice@example.test>\r\n");
        assertThat(client.readLine()).startsWith("250 ");
        assertThat(client.readLine()).startsWith("250 ");
        client.write("BDAT " + chunk.length + "\r\n");
        client.write(chunk);
        return client.readLine();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void largeMessagesBeyondTheBudgetGet452WhileOthersAreServed() throws Exception {
        SmtpServer server = start(context, Duration.ofMinutes(1));
        MessageMemoryBudget budget = server.memoryBudget();
        int port = server.port("smtp");
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong highest = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                highest.accumulateAndGet(budget.reserved(), Math::max);
                LockSupport.parkNanos(200_000);
            }
        });
        sampler.start();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (LineClient first = greeted(port, "first"); LineClient second = greeted(port, "second");
                LineClient third = greeted(port, "third")) {
            // two large messages in progress hold about 1.4 MB of the 2 MB
            byte[] firstText = text(LARGE, 'a');
            byte[] secondText = text(LARGE, 'b');
            assertThat(firstChunk(first, firstText)).isEqualTo("250 2.0.0 " + LARGE + " octets received");
            assertThat(firstChunk(second, secondText)).isEqualTo("250 2.0.0 " + LARGE + " octets received");
            long held = budget.reserved();
            assertThat(held).isBetween(2L * LARGE, budget.capacity());
            // a third does not fit: its chunk is read to the end and refused, and what it had is given back
            assertThat(firstChunk(third, text(LARGE, 'c'))).isEqualTo(REFUSED);
            assertThat(budget.reserved()).isEqualTo(held);
            third.send("BDAT 5 LAST");
            third.write("hello");
            assertThat(third.readLine()).as("RFC 3030 §2: the refused chunk ended the transaction").startsWith("503 5.5.1");
            // a SIZE= the budget cannot hold now is refused before any data (RFC 1870 §6.1)
            third.send("MAIL FROM:<big@example.org> SIZE=900000");
            assertThat(third.readLine()).isEqualTo(REFUSED);

            // eight large DATA transfers at once: none fits, each is read to its end and gets 452
            CountDownLatch ready = new CountDownLatch(8);
            List<Future<List<String>>> transfers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                transfers.add(clients.submit(() -> {
                    try (LineClient client = greeted(port, "data-" + n)) {
                        client.write("MAIL FROM:<big@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
                        List<String> replies = new ArrayList<>(List.of(client.readLine(), client.readLine(), client.readLine()));
                        ready.countDown();
                        ready.await();
                        client.write(text(LARGE, 'd'));
                        client.write(".\r\nNOOP\r\n");
                        replies.add(client.readLine());
                        replies.add(client.readLine());
                        return replies;
                    }
                }));
            }
            for (Future<List<String>> transfer : transfers) {
                List<String> replies = transfer.get();
                assertThat(replies.get(2)).startsWith("354 ");
                assertThat(replies.get(3)).isEqualTo(REFUSED);
                assertThat(replies.get(4)).as("the session goes on").isEqualTo("250 2.0.0 Ok");
            }
            assertThat(budget.reserved()).isEqualTo(held);

            // meanwhile an ordinary message fits in what is left
            try (LineClient ordinary = greeted(port, "ordinary")) {
                ordinary.write("MAIL FROM:<small@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
                assertThat(ordinary.readLine()).startsWith("250 ");
                assertThat(ordinary.readLine()).startsWith("250 ");
                assertThat(ordinary.readLine()).startsWith("354 ");
                ordinary.write("Subject: small\r\n\r\nfits\r\n.\r\n");
                assertThat(ordinary.readLine()).startsWith("250 2.0.0 Ok: queued as ");
            }
            assertThat(budget.reserved()).isEqualTo(held);

            // the two large messages are completed and published whole; then nothing is held
            first.send("BDAT 0 LAST");
            second.send("BDAT 0 LAST");
            String firstId = queuedId(first.readLine());
            String secondId = queuedId(second.readLine());
            assertThat(budget.reserved()).isZero();
            List<InboundTopic.Published> published = InboundTopic.withIds(InboundTopic.readUntil(TestKafka.bootstrapServers(),
                    all -> InboundTopic.withIds(all, Set.of(firstId, secondId)).size() == 2, Duration.ofSeconds(30)),
                    Set.of(firstId, secondId));
            assertThat(published).hasSize(2);
            for (InboundTopic.Published message : published) {
                byte[] sent = message.envelope().id().equals(firstId) ? firstText : secondText;
                byte[] record = message.message();
                assertThat(Arrays.copyOfRange(record, record.length - sent.length, record.length)).isEqualTo(sent);
                assertThat(new String(record, 0, record.length - sent.length, StandardCharsets.US_ASCII)).startsWith("Received: ");
            }
            // and the client refused before can now send its message
            assertThat(firstChunk(third, text(LARGE, 'c'))).isEqualTo("250 2.0.0 " + LARGE + " octets received");
            third.send("BDAT 0 LAST");
            queuedId(third.readLine());
        } finally {
            sampling.set(false);
            sampler.join();
            clients.shutdownNow();
            server.stop();
        }
        assertThat(highest.get()).as("the budget was never exceeded").isBetween(2L * LARGE, budget.capacity());
        assertThat(budget.reserved()).isZero();
    }

    private static String queuedId(String reply) {
        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }

    @Test
    void everyWayAMessageEndsGivesItsReservationBack() throws Exception {
        SmtpServer server = start(context, Duration.ofMillis(800));
        MessageMemoryBudget budget = server.memoryBudget();
        int port = server.port("smtp");
        byte[] chunk = text(100_000, 'r');
        try {
            try (LineClient client = greeted(port, "rset")) {
                assertThat(firstChunk(client, chunk)).startsWith("250 ");
                assertThat(budget.reserved()).isPositive();
                client.send("RSET");
                assertThat(client.readLine()).startsWith("250 ");
                assertThat(budget.reserved()).as("RSET").isZero();
                assertThat(firstChunk(client, chunk)).startsWith("250 ");
                client.send("EHLO again.example.org");
                client.readSmtpReply();
                assertThat(budget.reserved()).as("EHLO resets the transaction").isZero();
                assertThat(firstChunk(client, chunk)).startsWith("250 ");
                client.send("QUIT");
                assertThat(client.readLine()).startsWith("221 ");
                await("QUIT", () -> budget.reserved() == 0);
            }

            try (LineClient client = greeted(port, "timeout")) {
                client.write("MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
                client.readLine();
                client.readLine();
                assertThat(client.readLine()).startsWith("354 ");
                client.write(text(100_000, 't'));
                await("data received", () -> budget.reserved() > 0);
                assertThat(client.readLine()).as("data timeout").isEqualTo("421 4.4.2 mx.example.test Timeout, closing connection");
                await("data timeout", () -> budget.reserved() == 0);
            }

            LineClient reset = greeted(port, "reset");
            assertThat(firstChunk(reset, chunk)).startsWith("250 ");
            assertThat(budget.reserved()).isPositive();
            Socket socket = reset.socket();
            socket.setSoLinger(true, 0);
            socket.close(); // RST, no QUIT
            await("connection reset", () -> budget.reserved() == 0);
        } finally {
            server.stop();
        }
    }
}
