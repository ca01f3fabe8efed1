package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Process first = launch(args);
        // the embedded PostgreSQL outlives a killed platform; the next start stops it, and so does this test if it must
        List<ProcessHandle> children = first.descendants().toList();
        SmtpLoad load;
        try {
            load = new SmtpLoad(mx, RECIPIENT, SENDERS, 100);
            assertThat(load.accepted).as("messages accepted before the kill").hasSizeGreaterThanOrEqualTo(20);
        } finally {
            first.destroyForcibly(); // SIGKILL, while the senders are still sending
            first.waitFor();
        }
        try (load) {
            load.awaitSenders();
            try (EmbeddedPlatform second = new EmbeddedPlatform(args)) {
                load.assertStoredOnce(second, RECIPIENT);
            }
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
