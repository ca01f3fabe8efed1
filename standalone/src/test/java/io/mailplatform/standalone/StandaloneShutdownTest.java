package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void stopUnderLoadThenStartLosesAndDuplicatesNothingAndASecondInstanceRefuses() throws Exception {
        String[] args = {"--mail.standalone.data-dir=" + data, "--mail.standalone.postgres-port=" + EmbeddedPlatform.freePort(),
            "--mail.standalone.kafka-port=" + EmbeddedPlatform.freePort(), "--mail.standalone.kafka-controller-port=" + EmbeddedPlatform.freePort(),
            "--server.port=0", "--management.server.port=0", "--mail.smtp.mx-port=0", "--mail.smtp.submission-port=0",
            "--mail.smtp.submissions-port=0", "--mail.pop3.port=0", "--mail.pop3.tls-port=0", "--mail.imap.port=0",
            "--mail.imap.tls-port=0", "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
            "--mail.standalone.domain=shutdown.test", "--mail.standalone.account=" + RECIPIENT,
            "--mail.standalone.password=ann-secret"};
        EmbeddedPlatform first = new EmbeddedPlatform(args);
        SmtpLoad load;
        try {
            assertThatThrownBy(() -> new EmbeddedPlatform(args)).hasMessageContaining("is in use by another running instance")
                    .hasMessageContaining(DataDirectoryLock.FILE);
            load = new SmtpLoad(first.mxPort(), RECIPIENT, SENDERS, 100);
            // the first instance is still whole after the refused second one: it takes mail all along
            assertThat(load.accepted).as("messages accepted before the stop").hasSizeGreaterThanOrEqualTo(20);
        } finally {
            first.close(); // while the senders are still sending
        }
        try (load; EmbeddedPlatform second = startAfter(load, args)) {
            load.assertStoredOnce(second, RECIPIENT);
        }
    }

    private static EmbeddedPlatform startAfter(SmtpLoad load, String[] args) throws InterruptedException {
        load.awaitSenders();
        return new EmbeddedPlatform(args);
    }
}
