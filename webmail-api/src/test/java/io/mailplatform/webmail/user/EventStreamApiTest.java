package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventFeed;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.webmail.events.WebmailEventFeed;
import io.mailplatform.webmail.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * {@code GET /api/events} over real HTTPS: the store's writes go to Kafka's {@code mailbox.events}
 * (embedded broker), the webmail's feed reads them and the account's open streams get them, other
 * accounts' streams not.
 */
class EventStreamApiTest extends UserApiTest {
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    WebmailEventFeed feed;
    @Autowired
    KafkaProperties kafka;

    Account pia;
    Account quinn;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("events.test");
        pia = directory.createAccount("pia@events.test", "secret");
        quinn = directory.createAccount("quinn@events.test", "secret");
        assertThat(feed.awaitAssignment(Duration.ofSeconds(60))).isTrue();
    }

    /** The lines of an open stream, as they come. */
    private record Stream(BlockingQueue<String> lines, List<String> seen,
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
        String next(String containing) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                }
                if (line != null && line.contains(containing)) {
                    return line;
                }
            }
            throw new AssertionError("no line with " + containing);
        }

        void close() {
            // closing the body drops the connection, which the server notices at its next heartbeat
            response.join().body().close();
        }
    }

    private Stream open(String user) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/events"))
                .header("Authorization", ApiClient.basic(user, "secret")).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HTTPS.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> headers = response.get(30, TimeUnit.SECONDS);
        assertThat(headers.statusCode()).isEqualTo(200);
        assertThat(headers.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try {
                headers.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // the stream was closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        Stream stream = new Stream(lines, new java.util.concurrent.CopyOnWriteArrayList<>(), response);
        stream.next("event:ready");
        return stream;
    }

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void newMailFlagChangesAndExpungesArriveOnTheAccountsStreamOnly() throws Exception {
        Stream stream = open("pia@events.test");
        try {
            Mailbox others = mailboxes.require(quinn.id(), "INBOX");
            mailboxes.append(others, message("not for pia"), MessageFlags.NONE, Instant.now());
            Mailbox inbox = mailboxes.require(pia.id(), "INBOX");
            long uid = mailboxes.append(inbox, message("for pia"), MessageFlags.NONE, Instant.now()).uid();

            String added = stream.next("messagesAdded");
            assertThat(added).startsWith("data:").contains("\"mailboxId\":" + inbox.id()).contains("\"mailbox\":\"INBOX\"")
                    .contains("\"uids\":[" + uid + "]");

            mailboxes.setFlags(inbox, List.of(uid), FlagMode.ADD, MessageFlags.of(List.of("\\Seen")));
            assertThat(stream.next("flagsChanged")).contains("\"uids\":[" + uid + "]");

            mailboxes.delete(inbox, List.of(uid));
            assertThat(stream.next("messagesExpunged")).contains("\"uids\":[" + uid + "]");
            assertThat(stream.seen()).noneMatch(line -> line.contains("\"mailboxId\":" + others.id() + ","));
            assertThat(stream.next(":keep-alive")).as("heartbeat comments keep the stream open").isNotNull();
        } finally {
            stream.close();
        }
    }

    /** A feed whose listeners the test switches on and off; the streams other tests leave open play no part. */
    private static final class SwitchedFeed extends MailboxEventFeed {
        final AtomicLong listeningSince = new AtomicLong(-1);

        SwitchedFeed(KafkaProperties kafka, List<MailboxEvent> heard) {
            super(kafka.buildConsumerProperties(), true, "switched-feed", "switched-feed", heard::add);
        }

        @Override
        protected long listeningSince() {
            return listeningSince.get();
        }
    }

    @Test
    void aFeedWithoutListenersPausesAndResumesAtTheEventsFromJustBeforeItsFirstListener() throws Exception {
        List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
        SwitchedFeed switched = new SwitchedFeed(kafka, heard);
        switched.start();
        try {
            assertThat(switched.awaitAssignment(Duration.ofSeconds(60))).isTrue();
            awaitUntil(switched::paused);
            Mailbox inbox = mailboxes.require(quinn.id(), "INBOX");
            long unheard = mailboxes.append(inbox, message("nobody listens"), MessageFlags.NONE, Instant.now()).uid();
            // more than the second before the first listener that a resumed feed reads again
            Thread.sleep(1_500);
            assertThat(heard).isEmpty();

            switched.listeningSince.set(System.currentTimeMillis());
            long uid = mailboxes.append(inbox, message("someone listens"), MessageFlags.NONE, Instant.now()).uid();
            awaitUntil(() -> heard.stream().anyMatch(event -> event.uids().contains(uid)));
            assertThat(switched.paused()).isFalse();
            assertThat(heard).noneMatch(event -> event.uids().contains(unheard));

            switched.listeningSince.set(-1);
            awaitUntil(switched::paused);
        } finally {
            switched.stop();
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void anAccountHoldsAtMostTheConfiguredNumberOfStreams() throws Exception {
        Stream first = open("quinn@events.test");
        Stream second = open("quinn@events.test");
        try {
            HttpResponse<String> third = call("GET", "/api/events", null, "quinn@events.test");
            MailboxApiTest.assertProblem(third, 429);
        } finally {
            first.close();
            second.close();
        }
    }
}
