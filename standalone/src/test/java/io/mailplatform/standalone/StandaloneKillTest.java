package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform, run as its own process, killed with SIGKILL while clients are sending
 * (no shutdown of any kind: the embedded PostgreSQL lives on, the embedded broker dies mid-write),
 * then started again on its data directory: every message that got its 250 is in the mailbox
 * exactly once, and nothing appears that was not sent.
 */
class StandaloneKillTest {
    private static final String RECIPIENT = "kim@kill.test";
    private static final int SENDERS = 4;

    @TempDir
    Path data;

    private Process launch(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName()));
        command.addAll(List.of(args));
        Process platform = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.contains("Mail platform is running")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            platform.destroyForcibly();
            throw new AssertionError("the platform process did not start; its output:\n" + seen);
        }
        // keep draining, so a full pipe never blocks the platform
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
        drain.setDaemon(true);
        drain.start();
        return platform;
    }

    @Test
    void killedUnderLoadThenStartedAgainLosesAndDuplicatesNothing() throws Exception {
        int mx = EmbeddedPlatform.freePort();
        String[] args = {"--mail.standalone.data-dir=" + data, "--mail.standalone.postgres-port=" + EmbeddedPlatform.freePort(),
            "--mail.standalone.kafka-port=" + EmbeddedPlatform.freePort(), "--mail.standalone.kafka-controller-port=" + EmbeddedPlatform.freePort(),
            "--server.port=0", "--management.server.port=0", "--mail.smtp.mx-port=" + mx, "--mail.smtp.submission-port=0",
            "--mail.smtp.submissions-port=0", "--mail.pop3.port=0", "--mail.pop3.tls-port=0", "--mail.imap.port=0",
            "--mail.imap.tls-port=0", "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
            "--mail.standalone.domain=kill.test", "--mail.standalone.account=" + RECIPIENT,
            "--mail.standalone.password=kim-secret"};
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        Process first = launch(args);
        // the embedded PostgreSQL outlives a killed platform; the next start stops it, and so does this test if it must
        List<ProcessHandle> children = first.descendants().toList();
        try {
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.execute(() -> SmtpLoad.sendUntilRefused(mx, RECIPIENT, sender, attempted, accepted));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (accepted.size() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(accepted).as("messages accepted before the kill").hasSizeGreaterThanOrEqualTo(20);
        } finally {
            first.destroyForcibly(); // SIGKILL, while the senders are still sending
            first.waitFor();
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        try (EmbeddedPlatform second = new EmbeddedPlatform(args)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<String> stored = StandaloneShutdownTest.storedSubjects(second, RECIPIENT);
            while (!stored.containsAll(accepted) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                stored = StandaloneShutdownTest.storedSubjects(second, RECIPIENT);
            }
            Thread.sleep(1000); // a duplicate would arrive right behind
            stored = StandaloneShutdownTest.storedSubjects(second, RECIPIENT);
            System.out.printf("SIGKILL under load: attempted %d, accepted %d, stored %d%n", attempted.size(),
                    accepted.size(), stored.size());
            assertThat(stored).containsAll(accepted).doesNotHaveDuplicates();
            assertThat(attempted).containsAll(stored); // nothing that was not sent
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
