package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Senders that keep a platform busy until it goes away, remembering what they sent and what was
 * accepted, and the check that a platform started again afterwards holds each accepted message once.
 */
final class SmtpLoad implements AutoCloseable {
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;

    /** Starts the senders on the MX port and returns once {@code enough} messages were accepted (or a minute passed). */
    SmtpLoad(int port, String recipient, int count, int enough) throws InterruptedException {
        senders = Executors.newFixedThreadPool(count);
        for (int s = 0; s < count; s++) {
            int sender = s;
            senders.execute(() -> sendUntilRefused(port, recipient, sender, attempted, accepted));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (accepted.size() < enough && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Waits for the senders, which end when the platform stopped answering. */
    void awaitSenders() throws InterruptedException {
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Every accepted message is (or soon is) in the recipient's mailbox once, and nothing that was not sent. */
    void assertStoredOnce(EmbeddedPlatform platform, String recipient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> stored = storedSubjects(platform, recipient);
        while (!stored.containsAll(accepted) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            stored = storedSubjects(platform, recipient);
        }
        Thread.sleep(1000); // a duplicate would arrive right behind
        stored = storedSubjects(platform, recipient);
        System.out.printf("attempted %d, accepted %d, stored %d%n", attempted.size(), accepted.size(), stored.size());
        assertThat(stored).containsAll(accepted).doesNotHaveDuplicates();
        assertThat(attempted).containsAll(stored);
    }

    private static List<String> storedSubjects(EmbeddedPlatform platform, String recipient) {
        return platform.context.getBean(JdbcClient.class).sql("""
                SELECT c.subject FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = ?""").param(recipient).query(String.class).list();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }

    /**
     * Sends one message after another on one connection to the recipient until the server stops
     * answering; records each subject when it is sent and again when it got its 250.
     */
    private static void sendUntilRefused(int port, String recipient, int sender, Set<String> attempted, Set<String> accepted) {
        try (LineClient smtp = new LineClient("127.0.0.1", port)) {
            if (!String.valueOf(smtp.readLine()).startsWith("220 ")) {
                return;
            }
            smtp.send("EHLO load.example.org");
            smtp.readSmtpReply();
            for (int i = 0; ; i++) {
                String subject = "load " + sender + "/" + i;
                smtp.write("MAIL FROM:<bob@example.org>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
                if (!String.valueOf(smtp.readLine()).startsWith("250 ") || !String.valueOf(smtp.readLine()).startsWith("250 ")
                        || !String.valueOf(smtp.readLine()).startsWith("354 ")) {
                    return;
                }
                attempted.add(subject);
                smtp.write("From: bob@example.org\r\nSubject: " + subject + "\r\n\r\nload\r\n.\r\n");
                if (!String.valueOf(smtp.readLine()).startsWith("250 2.0.0 ")) {
                    return;
                }
                accepted.add(subject);
            }
        } catch (IOException e) {
            // the connection ended with the platform
        }
    }
}
