package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading in the middle of a RETR is closed after {@code write-timeout}: its
 * session ends without removing anything and the maildrop is free again. Before, the connection
 * stayed open (even the autologout waited for the unread output), and so did the maildrop lock.
 */
class WriteDeadlineTest extends Pop3ServerTest {
    /** More than the server's send buffer (4 MiB at most here) and the client's small window hold. */
    private static final int MESSAGE_SIZE = 6 * 1024 * 1024;

    @Test
    void aClientThatStopsReadingIsClosedAndItsMaildropFreed() throws Exception {
        Pop3Server strict = fixtures.startServer(Pop3Fixtures.settings().allowPlaintextAuth()
                .writeTimeout(Duration.ofSeconds(2)));
        Account account = fixtures.account("stalled@example.test", "pw");
        StringBuilder text = new StringBuilder("Subject: big\r\n\r\n");
        for (int line = 0; text.length() < MESSAGE_SIZE; line++) {
            text.append("line ").append(line).append(' ').append("z".repeat(70)).append("\r\n");
        }
        fixtures.deliver(account, text.toString().getBytes(StandardCharsets.US_ASCII));
        int port = strict.port("pop3");

        try (Pop3Client stalled = Pop3Client.plain(port, 8 * 1024).login(account.address(), "pw")) {
            assertThat(stalled.command("RETR 1")).startsWith("+OK");
            // the client reads nothing more; the maildrop is locked until the server gives up on it
            awaitLogin(port, account.address());
            assertThat(remainingOctets(stalled.socket().getInputStream())).isLessThan(MESSAGE_SIZE);
        }
        assertThat(fixtures.mailboxes().messages(fixtures.inbox(account))).as("nothing removed").hasSize(1);
    }

    /** Logs in until the maildrop is free, for up to 15 s. */
    private static void awaitLogin(int port, String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Pop3Client client = Pop3Client.plain(port)) {
                client.command("USER " + user);
                if (client.command("PASS pw").startsWith("+OK")) {
                    client.command("QUIT");
                    return;
                }
            }
            assertThat(System.nanoTime()).as("the maildrop freed").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Reads to the end of the stream: what the server had written before it closed. */
    private static long remainingOctets(InputStream in) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
        }
        return total;
    }
}
