package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Before authentication a literal may be at most {@code max-literal-size-unauthenticated} (8 KiB)
 * and nothing larger is read: a synchronizing one gets BAD [TOOBIG] instead of "+", a
 * non-synchronizing one ends the connection with BYE [TOOBIG]. Many connections announcing huge
 * literals therefore cost the server no memory, and it keeps serving others; a literal pipelined
 * behind a LOGIN is judged after the LOGIN.
 */
class PreAuthLiteralTest extends ImapTestSupport {
    private static final String LIMIT = "at most 8192 octets before authentication";

    @Test
    void largeSynchronizingLiteralBeforeLoginGetsNoContinuation() throws Exception {
        try (LineClient client = connect()) {
            client.send("a LOGIN {8193}");
            assertThat(client.readLine()).isEqualTo("a BAD [TOOBIG] Literal too large (" + LIMIT + ")");
            client.send("b APPEND INBOX {50000000}");
            assertThat(client.readLine()).isEqualTo("b BAD [TOOBIG] Literal too large (" + LIMIT + ")");
            // within the bound a literal is asked for as always
            client.send("c ID {4}");
            assertThat(client.readLine()).startsWith("+ ");
            client.write("NIL?\r\n");
            assertThat(client.readLine()).startsWith("c BAD");
            assertThat(command(client, "d", "NOOP")).containsExactly("d OK NOOP completed");
        }
    }

    @Test
    void largeNonSynchronizingLiteralBeforeLoginEndsTheConnection() throws Exception {
        for (String command : List.of("a LOGIN {8193+}", "a APPEND INBOX {60000000+}", "a LOGIN {99999999999+}")) {
            try (LineClient client = connect()) {
                client.send(command);
                assertThat(client.readLine()).as(command).startsWith("* BYE [TOOBIG] Non-synchronizing literal too large");
                assertThat(client.isClosedByServer()).isTrue();
            }
        }
    }

    @Test
    void literalsPipelinedBehindLoginAreJudgedAfterIt() throws Exception {
        Account account = account("preauth-pipelined");
        String message = simpleMessage("a@example.test", "pipelined", "x".repeat(20_000)).replace("\n", "\r\n");
        try (LineClient client = connect()) {
            client.send("s STARTTLS");
            client.readUntil(line -> line.startsWith("s "));
            client.startTls(Transcript.trustAll());
            client.write("l LOGIN " + account.address() + " \"" + PASSWORD + "\"\r\na APPEND INBOX {"
                    + message.length() + "+}\r\n" + message + "\r\nb APPEND INBOX {" + message.length() + "}\r\n");
            assertThat(client.readLine()).startsWith("l OK");
            assertThat(client.readLine()).startsWith("a OK [APPENDUID ");
            assertThat(client.readLine()).startsWith("+ ");
            client.write(message + "\r\n");
            assertThat(client.readLine()).startsWith("b OK [APPENDUID ");
        }
        assertThat(mailboxes.messages(inbox(account))).hasSize(2);
    }

    @Test
    void literalHeldBehindStartTlsIsDiscardedAndTheHandshakeGoesOn() throws Exception {
        try (LineClient client = connect()) {
            // plaintext after STARTTLS is never executed (RFC 9051 §6.2.1); it must not stop reading either
            client.write("s STARTTLS\r\nx LOGIN {9000}\r\n");
            assertThat(client.readLine()).startsWith("s OK");
            client.startTls(Transcript.trustAll());
            assertThat(command(client, "n", "NOOP")).containsExactly("n OK NOOP completed");
        }
    }

    /**
     * Connections that announce a 50 MB literal and send a few megabytes of it: before, the server
     * buffered all of it, for each of them (gigabytes with enough connections); now each is refused
     * at once and nothing is read, so the heap does not grow with them.
     */
    @Test
    void manyConnectionsAnnouncingHugeLiteralsCostNoMemory() throws Exception {
        int connections = 40;
        int sentPerConnection = 3 * 1024 * 1024;
        long before = usedHeapAfterGc();
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        List<LineClient> clients = new ArrayList<>();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                LineClient client = connect();
                clients.add(client);
                boolean synchronizing = i % 2 == 0;
                sent.add(senders.submit(() -> sendHugeLiteral(client, synchronizing, sentPerConnection)));
            }
            for (Future<?> done : sent) {
                done.get();
            }
            long grown = usedHeapAfterGc() - before;
            // 40 x 3 MB would be 120 MB; what the sessions themselves take is far below the bound
            assertThat(grown).as("heap growth with %d connections each sending %d octets", connections,
                    sentPerConnection).isLessThan(40L * 1024 * 1024);
            for (int i = 0; i < connections; i++) {
                assertRefused(clients.get(i), i % 2 == 0);
            }
            try (LineClient other = login(account("preauth-other"))) {
                assertThat(command(other, "n", "NOOP")).containsExactly("n OK NOOP completed");
            }
        } finally {
            senders.shutdownNow();
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    /** The command line, then octets of the literal whether or not the server asked for them. */
    private static Void sendHugeLiteral(LineClient client, boolean synchronizing, int octets) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try {
            client.write("a APPEND INBOX {50000000" + (synchronizing ? "" : "+") + "}\r\n");
            for (int sent = 0; sent < octets; sent += chunk.length) {
                client.write(chunk);
            }
        } catch (IOException e) {
            // the server closed the connection (non-synchronizing): what it refused to read cannot be sent
        }
        return null;
    }

    /**
     * A synchronizing literal was refused at once (its octets then arrive as an overlong line, which
     * is skipped); a non-synchronizing one ended the connection. Either way the server answered
     * without waiting for the 50 MB: a read that times out means it did not.
     */
    private static void assertRefused(LineClient client, boolean synchronizing) throws IOException {
        try {
            String first = client.readLine();
            if (synchronizing) {
                assertThat(first).isEqualTo("a BAD [TOOBIG] Literal too large (" + LIMIT + ")");
            } else if (first != null) {
                assertThat(first).startsWith("* BYE [TOOBIG]");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer to a huge literal before login", e);
        } catch (IOException e) {
            // reset: the server closed while octets it never read were arriving
            assertThat(synchronizing).as("only a non-synchronizing literal ends the connection").isFalse();
        }
    }
}
