package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 200 sessions at once, each sending several pipelined messages: every 250 names an envelope id,
 * and every one of those is in {@code mail.inbound} exactly once with the message its session sent.
 */
class ConcurrentSessionsTest extends GatewayTestBase {
    private static final int SESSIONS = 200;
    private static final int MESSAGES_PER_SESSION = 5;

    @Test
    void twoHundredConcurrentSessionsHaveEveryMessagePublishedExactlyOnce() throws Exception {
        Map<String, String> markerById = new ConcurrentHashMap<>();
        CountDownLatch allConnected = new CountDownLatch(SESSIONS);
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<?>> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                sessions.add(clients.submit(() -> {
                    try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
                        assertThat(client.readLine()).startsWith("220 ");
                        allConnected.countDown();
                        allConnected.await();
                        client.send("EHLO client-" + session + ".example.org");
                        client.readSmtpReply();
                        for (int m = 0; m < MESSAGES_PER_SESSION; m++) {
                            String marker = "session-" + session + "-message-" + m;
                            client.write("MAIL FROM:<s" + session + "@example.org>\r\nRCPT TO:<"
                                    + (m % 2 == 0 ? "alice" : "team") + "@example.test>\r\nDATA\r\n");
                            assertThat(client.readLine()).startsWith("250 ");
                            assertThat(client.readLine()).startsWith("250 ");
                            assertThat(client.readLine()).startsWith("354 ");
                            client.write("Subject: " + marker + "\r\n\r\n" + marker + "\r\n.\r\n");
                            String reply = client.readLine();
                            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
                            markerById.put(reply.substring(reply.lastIndexOf(' ') + 1), marker);
                        }
                        client.send("QUIT");
                        assertThat(client.readLine()).startsWith("221 ");
                    }
                    return null;
                }));
            }
            for (Future<?> session : sessions) {
                session.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(markerById).hasSize(SESSIONS * MESSAGES_PER_SESSION);
        Set<String> ids = markerById.keySet();
        List<InboundTopic.Published> published = InboundTopic.withIds(InboundTopic.readUntil(TestKafka.bootstrapServers(),
                all -> all.stream().map(p -> p.envelope().id()).filter(ids::contains).distinct().count() == ids.size(),
                Duration.ofSeconds(60)), ids);
        Map<String, Long> copies = published.stream().collect(Collectors.groupingBy(p -> p.envelope().id(), Collectors.counting()));
        assertThat(copies.keySet()).isEqualTo(ids);
        assertThat(copies.values()).allMatch(count -> count == 1);
        Map<String, InboundTopic.Published> byId = published.stream()
                .collect(Collectors.toMap(p -> p.envelope().id(), Function.identity()));
        markerById.forEach((id, marker) -> assertThat(new String(byId.get(id).message(), StandardCharsets.UTF_8))
                .endsWith("\r\nSubject: " + marker + "\r\n\r\n" + marker + "\r\n"));
    }
}
