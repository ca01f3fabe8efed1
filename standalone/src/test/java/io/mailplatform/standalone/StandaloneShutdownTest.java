package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The standalone platform stopped while clients are sending and started again on its data
 * directory: every message that got its 250 is in the mailbox exactly once, and nothing appears
 * that was not sent. While an instance runs, a second one on the same directory refuses to start
 * and leaves the first alone.
 */
class StandaloneShutdownTest {
    private static final String RECIPIENT = "ann@shutdown.test";
    private static final int SENDERS = 4;

    @TempDir
    Path data;

    static List<String> storedSubjects(EmbeddedPlatform platform, String recipient) {
        return platform.context.getBean(JdbcClient.class).sql("""
                SELECT c.subject FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = ?""").param(recipient).query(String.class).list();
    }

    @Test
    void stopUnderLoadThenStartLosesAndDuplicatesNothingAndASecondInstanceRefuses() throws Exception {
        String[] args = {"--mail.standalone.data-dir=" + data, "--mail.standalone.postgres-port=" + EmbeddedPlatform.freePort(),
            "--mail.standalone.kafka-port=" + EmbeddedPlatform.freePort(), "--mail.standalone.kafka-controller-port=" + EmbeddedPlatform.freePort(),
            "--server.port=0", "--management.server.port=0", "--mail.smtp.mx-port=0", "--mail.smtp.submission-port=0",
            "--mail.smtp.submissions-port=0", "--mail.pop3.port=0", "--mail.pop3.tls-port=0", "--mail.imap.port=0",
            "--mail.imap.tls-port=0", "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
            "--mail.standalone.domain=shutdown.test", "--mail.standalone.account=" + RECIPIENT,
            "--mail.standalone.password=ann-secret"};
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            EmbeddedPlatform first = new EmbeddedPlatform(args);
            try {
                assertThatThrownBy(() -> new EmbeddedPlatform(args)).hasMessageContaining("is in use by another running instance")
                        .hasMessageContaining(DataDirectoryLock.FILE);
                int port = first.mxPort();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    senders.execute(() -> SmtpLoad.sendUntilRefused(port, RECIPIENT, sender, attempted, accepted));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (accepted.size() < 100 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // the first instance is still whole after the refused second one: it takes mail all along
                assertThat(accepted).as("messages accepted before the stop").hasSizeGreaterThanOrEqualTo(20);
            } finally {
                first.close(); // while the senders are still sending
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            try (EmbeddedPlatform second = new EmbeddedPlatform(args)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                List<String> stored = storedSubjects(second, RECIPIENT);
                while (!stored.containsAll(accepted) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    stored = storedSubjects(second, RECIPIENT);
                }
                Thread.sleep(1000); // a duplicate would arrive right behind
                stored = storedSubjects(second, RECIPIENT);
                assertThat(stored).containsAll(accepted).doesNotHaveDuplicates();
                assertThat(attempted).containsAll(stored); // nothing that was not sent
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
