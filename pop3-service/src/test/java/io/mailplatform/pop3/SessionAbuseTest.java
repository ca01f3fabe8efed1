package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.testsupport.abuse.Heap;
import io.mailplatform.testsupport.abuse.PipelinedFlood;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile sessions over real sockets (issue 14), each answered with -ERR or a clean close, while a
 * second, well-behaved client logs in and retrieves a message meanwhile.
 */
class SessionAbuseTest extends Pop3ServerTest {
    private Account bystander;
    private Account abuser;

    @BeforeAll
    void accounts() {
        bystander = fixtures.account("abuse-bystander@example.test", "pw-bystander");
        fixtures.deliver(bystander, Pop3Fixtures.message("rfc1939-message-1.eml"));
        abuser = fixtures.account("abuse-flood@example.test", "pw-flood");
        fixtures.deliver(abuser, Pop3Fixtures.message("rfc1939-message-2.eml"));
    }

    private void aWellBehavedClientIsServed() throws Exception {
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s")).login(bystander.address(), "pw-bystander")) {
            assertThat(client.command("STAT")).isEqualTo("+OK 1 120");
            assertThat(client.retrieve(1).body()).hasSize(120);
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
    }

    private LineClient abuser() throws Exception {
        LineClient client = LineClient.connectTls("127.0.0.1", server.port("pop3s"), Transcript.trustAll());
        assertThat(client.readLine()).startsWith("+OK");
        client.send("USER " + abuser.address());
        assertThat(client.readLine()).startsWith("+OK");
        client.send("PASS pw-flood");
        assertThat(client.readLine()).startsWith("+OK");
        return client;
    }

    @Test
    void hundredThousandPipelinedNoopsAreEachAnswered() throws Exception {
        int commands = 100_000;
        long before = Heap.usedAfterGc();
        try (LineClient client = abuser()) {
            PipelinedFlood.assertEachAnsweredWhileServing(client, "NOOP", commands, "+OK"::equals,
                    this::aWellBehavedClientIsServed, before, 64L << 20, Duration.ofSeconds(120));
            client.send("QUIT");
            assertThat(client.readLine()).startsWith("+OK");
        }
    }

    /** NUL and a bare CR inside a command are -ERR (RFC 1939 §3: printable ASCII keywords and arguments); the session goes on. */
    @Test
    void nulAndBareCrInCommandsAreErrors() throws Exception {
        try (LineClient client = abuser()) {
            for (String command : List.of("NO\0OP", "STAT\0", "RETR 1\0", "LIST\r1", "NOOP\rDELE 1", "\0", "\r", "RETR \0001")) {
                client.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(client.readLine()).as(command.replace("\0", "<NUL>").replace("\r", "<CR>")).startsWith("-ERR");
            }
            aWellBehavedClientIsServed();
            client.send("STAT");
            assertThat(client.readLine()).as("nothing was marked deleted").isEqualTo("+OK 1 200");
            client.write("NOOP\nNOOP\n"); // a bare LF ends a command line as CRLF does
            assertThat(client.readLine()).isEqualTo("+OK");
            assertThat(client.readLine()).isEqualTo("+OK");
        }
    }
}
