package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading do not stall the service (no worker waits for a socket): more of them
 * than there are worker threads each FETCH a large message and stop reading, while another client
 * logs in and works as usual; the stalled ones get their whole answer once they read again. A client
 * that never reads again is closed by the write deadline.
 */
class SlowReaderTest extends ImapTestSupport {
    /** Larger than what the server's send buffer (4 MiB at most here) and the client's tiny window hold. */
    private static final int MESSAGE_SIZE = 8 * 1024 * 1024;
    /** The client's receive buffer: stopping to read fills the pipe at once. */
    private static final int RECEIVE_BUFFER = 8 * 1024;

    private Account account;
    private byte[] message;
    private long uid;

    @BeforeAll
    void largeMessage() throws Exception {
        account = account("slowreader");
        Mailbox inbox = inbox(account);
        message = message(MESSAGE_SIZE);
        uid = mailboxes.append(inbox, message, MessageFlags.NONE, Instant.now()).uid();
    }

    private static byte[] message(int size) {
        StringBuilder text = new StringBuilder("From: big@example.org\r\nTo: someone@example.test\r\nSubject: big\r\n\r\n");
        for (int line = 0; text.length() < size; line++) {
            text.append("line ").append(line).append(' ').append("x".repeat(70)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends a FETCH of the large message and reads only the first line of the answer. */
    private LineClient stalledFetch(int port) throws IOException {
        LineClient client = login(account, port, RECEIVE_BUFFER);
        command(client, "s", "SELECT INBOX");
        client.send("f UID FETCH " + uid + " BODY.PEEK[]");
        assertThat(client.readLine()).endsWith("BODY[] {" + message.length + "}");
        return client;
    }

    @Test
    void clientsThatStopReadingDoNotHoldUpOthers() throws Exception {
        List<LineClient> stalled = new ArrayList<>();
        try {
            // more than the worker threads (16): before, each stalled FETCH held one, and then nothing ran
            for (int i = 0; i < properties.workerThreads() + 2; i++) {
                stalled.add(stalledFetch(port()));
            }
            // every read below must arrive within the client's 15 s read timeout: before the change none did
            try (LineClient other = login(account(("slowreader-other")))) {
                append(inbox(account("slowreader-other")), simpleMessage("a@example.test", "hello", "body"),
                        Instant.now());
                assertThat(command(other, "a", "SELECT INBOX")).last().asString().startsWith("a OK");
                List<String> fetched = command(other, "b", "FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
                assertThat(fetched).contains("Subject: hello").last().asString().startsWith("b OK");
                assertThat(command(other, "c", "NOOP")).last().asString().startsWith("c OK");
            }
            // reading again, each gets its whole answer, in order
            for (LineClient client : stalled) {
                assertThat(client.readBytes(message.length)).isEqualTo(message);
                assertThat(client.readLine()).isEqualTo(")");
                assertThat(client.readLine()).startsWith("f OK");
                assertThat(command(client, "n", "NOOP")).containsExactly("n OK NOOP completed");
            }
        } finally {
            for (LineClient client : stalled) {
                client.close();
            }
        }
    }

    @Test
    void writeDeadlineClosesAClientThatNeverReadsAgain() throws Exception {
        // one connection per address, so that a new one is let in only once the stalled one is closed
        ImapServer strict = startServer(withLimits(properties, Duration.ofSeconds(2), 1));
        try (LineClient client = stalledFetch(strict.port("imap"))) {
            try (LineClient next = awaitGreeting(strict.port("imap"))) {
                assertThat(command(next, "n", "NOOP")).containsExactly("n OK NOOP completed");
            }
            // what the server had written before it gave up is there to read, then the end
            byte[] received = client.readBytes(message.length);
            assertThat(received.length).isLessThan(message.length);
            assertThat(received).isEqualTo(Arrays.copyOf(message, received.length));
        } finally {
            strict.stop();
        }
    }

    /** Connects until the server greets rather than refuses (too many connections), for up to 15 s. */
    private static LineClient awaitGreeting(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            LineClient client = new LineClient("127.0.0.1", port);
            String greeting = client.readLine();
            if (greeting != null && greeting.startsWith("* OK")) {
                return client;
            }
            client.close();
            assertThat(System.nanoTime()).as("a connection let in again").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ImapProperties withLimits(ImapProperties p, Duration writeTimeout, int maxConnectionsPerAddress) {
        ImapProperties.Limits l = p.limits();
        return new ImapProperties(p.hostname(), "127.0.0.1", 0, 0, p.allowPlaintextAuth(), p.tlsBundle(),
                p.workerThreads(), new ImapProperties.Limits(l.maxLineLength(), l.maxLiteralSize(),
                        l.maxLiteralSizeUnauthenticated(), l.maxConnections(), maxConnectionsPerAddress, l.idleTimeout(),
                        l.loginTimeout(), l.maxSearchKeys(), l.maxNesting(), l.maxSequenceRanges(), l.fetchBatchSize(),
                        l.fetchBatchBytes(), l.fetchHeadBytes(), writeTimeout, l.substringSearchMaxMessages()),
                p.events(), p.proxy());
    }
}
