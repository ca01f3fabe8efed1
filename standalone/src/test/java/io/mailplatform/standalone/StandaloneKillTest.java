package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final int OUTPUT_TAIL = 80;
    /** ProtocolServer's line for the MX listener. */
    private static final Pattern MX_LISTENER = Pattern.compile("smtp listener 'smtp' on [^ ]*:(\\d+) ");

    @TempDir
    Path data;

    /** The platform process, and the MX port it bound (port 0: no port picked beforehand that another socket could take). */
    private record Launched(Process process, int mxPort) {
    }

    private Launched launch(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName()));
        command.addAll(List.of(args));
        Process platform = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8));
        ArrayDeque<String> tail = new ArrayDeque<>();
        int mxPort = 0;
        String line;
        while ((line = output.readLine()) != null && !line.contains("Mail platform is running")) {
            Matcher mx = MX_LISTENER.matcher(line);
            if (mx.find()) {
                mxPort = Integer.parseInt(mx.group(1));
            }
            if (tail.size() == OUTPUT_TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
        if (line == null) {
            // the cause is logged last (Spring logs the failure after closing the context): a report that cuts
            // long messages keeps their beginning, so the message is only the end of the output
            throw new AssertionError("the platform process exited with " + platform.waitFor() + " before it was running; the last "
                    + tail.size() + " lines of its output:\n" + String.join("\n", tail));
        }
        // keep draining, so a full pipe never blocks the platform
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
        drain.setDaemon(true);
        drain.start();
        assertThat(mxPort).as("the MX port in the platform's log").isPositive();
        return new Launched(platform, mxPort);
    }

    @Test
    void killedUnderLoadThenStartedAgainLosesAndDuplicatesNothing() throws Exception {
        String[] args = {"--mail.standalone.data-dir=" + data, "--mail.standalone.postgres-port=" + EmbeddedPlatform.freePort(),
            "--mail.standalone.kafka-port=" + EmbeddedPlatform.freePort(), "--mail.standalone.kafka-controller-port=" + EmbeddedPlatform.freePort(),
            "--server.port=0", "--management.server.port=0", "--mail.smtp.mx-port=0", "--mail.smtp.submission-port=0",
            "--mail.smtp.submissions-port=0", "--mail.pop3.port=0", "--mail.pop3.tls-port=0", "--mail.imap.port=0",
            "--mail.imap.tls-port=0", "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
            "--mail.standalone.domain=kill.test", "--mail.standalone.account=" + RECIPIENT,
            "--mail.standalone.password=kim-secret"};
        Launched launched = launch(args);
        Process first = launched.process();
        // the embedded PostgreSQL outlives a killed platform; the next start stops it, and so does this test if it must
        List<ProcessHandle> children = first.descendants().toList();
        SmtpLoad load;
        try {
            load = new SmtpLoad(launched.mxPort(), RECIPIENT, SENDERS, 100);
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
