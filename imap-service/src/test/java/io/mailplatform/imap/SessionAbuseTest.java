package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.abuse.Heap;
import io.mailplatform.testsupport.abuse.PipelinedFlood;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile sessions over real sockets (issue 14), each answered with the protocol's own error or a
 * clean close, while a second, well-behaved client appends and reads a message meanwhile.
 */
class SessionAbuseTest extends ImapTestSupport {
    private static final String TWO_GIB = "2147483648";

    /** APPEND, SELECT and FETCH on a connection of its own, all completing OK. */
    private void aWellBehavedClientIsServed() throws Exception {
        Account account = account("abuse-bystander");
        String message = simpleMessage("a@example.test", "meanwhile", "served while another client misbehaves")
                .replace("\n", "\r\n");
        try (LineClient client = login(account)) {
            client.send("a APPEND INBOX {" + message.length() + "}");
            assertThat(client.readLine()).startsWith("+ ");
            client.write(message + "\r\n");
            assertThat(client.readLine()).startsWith("a OK [APPENDUID ");
            assertThat(command(client, "s", "SELECT INBOX")).last().asString().startsWith("s OK ");
            Response fetched = fetch(client, "f", "FETCH * BODY.PEEK[]");
            assertThat(fetched.lines()).last().asString().startsWith("f OK ");
            assertThat(new String(fetched.literals().get(0), StandardCharsets.UTF_8)).isEqualTo(message);
            command(client, "l", "LOGOUT");
        }
    }

    @Test
    void twoGibibyteLiteralsBeforeLoginAreRefusedUnread() throws Exception {
        try (LineClient abuser = connect()) {
            abuser.send("a LOGIN {" + TWO_GIB + "}");
            assertThat(abuser.readLine()).startsWith("a BAD [TOOBIG] ");
            abuser.send("b AUTHENTICATE PLAIN {" + TWO_GIB + "}");
            assertThat(abuser.readLine()).startsWith("b BAD ");
            aWellBehavedClientIsServed();
            assertThat(command(abuser, "c", "NOOP")).containsExactly("c OK NOOP completed");
            abuser.send("d LOGIN {" + TWO_GIB + "+}");
            assertThat(abuser.readLine()).startsWith("* BYE [TOOBIG] ");
            assertThat(abuser.isClosedByServer()).isTrue();
        }
    }

    @Test
    void twoGibibyteLiteralsAfterLoginAreRefusedOrDiscardedWithoutBeingKept() throws Exception {
        Account account = account("abuse-literal");
        try (LineClient abuser = login(account)) {
            abuser.send("a APPEND INBOX {" + TWO_GIB + "}");
            assertThat(abuser.readLine()).isEqualTo("a NO [TOOBIG] Message too large");
            abuser.send("b SEARCH TEXT {" + TWO_GIB + "}");
            assertThat(abuser.readLine()).isEqualTo("b BAD [TOOBIG] Literal too large");
            assertThat(command(abuser, "c", "NOOP")).containsExactly("c OK NOOP completed");
        }
        // a non-synchronizing one is read and thrown away as it comes; meanwhile others are served
        long before = Heap.usedAfterGc();
        try (LineClient abuser = login(account)) {
            abuser.write("a APPEND INBOX {" + TWO_GIB + "+}\r\n");
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 16; i++) {
                abuser.write(chunk);
            }
            aWellBehavedClientIsServed();
            assertThat(Heap.usedAfterGc() - before).as("heap growth with 16 MiB of a 2 GiB literal sent").isLessThan(32L << 20);
        }
        assertThat(mailboxes.messages(inbox(account))).isEmpty();
    }

    @Test
    void hundredThousandPipelinedNoopsAreEachAnswered() throws Exception {
        int commands = 100_000;
        String ok = "n OK NOOP completed";
        long before = Heap.usedAfterGc();
        try (LineClient abuser = login(account("abuse-flood"))) {
            PipelinedFlood.assertEachAnsweredWhileServing(abuser, "n NOOP", commands, ok::equals,
                    this::aWellBehavedClientIsServed, before, 64L << 20, Duration.ofSeconds(180));
            assertThat(command(abuser, "z", "LOGOUT")).last().asString().startsWith("z OK");
        }
    }

    /** NUL is no CHAR (RFC 9051 §9) and a bare CR no line end: each is BAD, and the session goes on. */
    @Test
    void nulAndBareCrInCommandsAreBad() throws Exception {
        try (LineClient abuser = login(account("abuse-nul"))) {
            for (String command : List.of("a NO\0OP", "b SELECT IN\0BOX", "c SELECT \"IN\0BOX\"", "d NOOP\re NOOP",
                    "f SEARCH SUBJECT \"a\rb\"", "\0 NOOP")) {
                abuser.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(abuser.readLine()).as(command.replace("\0", "<NUL>").replace("\r", "<CR>")).matches("\\S* ?BAD .*");
            }
            aWellBehavedClientIsServed();
            // a bare LF ends a command line as CRLF does
            abuser.write("g NOOP\nh NOOP\n");
            assertThat(abuser.readLine()).isEqualTo("g OK NOOP completed");
            assertThat(abuser.readLine()).isEqualTo("h OK NOOP completed");
        }
    }

    /**
     * Where a session takes UTF-8 (IMAP4rev2 mailbox names, CHARSET UTF-8 search strings), octets
     * that are not UTF-8 are BAD: never replaced, never stored.
     */
    @Test
    void invalidUtf8WhereUtf8IsExpectedIsBad() throws Exception {
        Account account = account("abuse-utf8");
        List<byte[]> invalid = List.of(new byte[] {(byte) 0xC3, '('}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        try (LineClient abuser = login(account)) {
            assertThat(command(abuser, "e", "ENABLE IMAP4rev2")).last().asString().startsWith("e OK");
            for (byte[] octets : invalid) {
                abuser.write(line("c CREATE \"box", octets, "\""));
                assertThat(abuser.readLine()).as("CREATE %s", Arrays.toString(octets)).startsWith("c BAD ");
                abuser.write(line("c CREATE {" + (octets.length + 3) + "+}\r\nbox", octets, ""));
                assertThat(abuser.readLine()).as("CREATE literal %s", Arrays.toString(octets)).startsWith("c BAD ");
            }
            assertThat(command(abuser, "s", "SELECT INBOX")).last().asString().startsWith("s OK");
            for (byte[] octets : invalid) {
                abuser.write(line("t SEARCH CHARSET UTF-8 TEXT \"x", octets, "\""));
                assertThat(abuser.readLine()).as("SEARCH %s", Arrays.toString(octets)).startsWith("t BAD ");
                abuser.write(line("t SEARCH CHARSET UTF-8 SUBJECT {" + (octets.length + 1) + "+}\r\nx", octets, ""));
                assertThat(abuser.readLine()).as("SEARCH literal %s", Arrays.toString(octets)).startsWith("t BAD ");
            }
            aWellBehavedClientIsServed();
            List<String> listed = command(abuser, "l", "LIST \"\" \"*\"");
            assertThat(listed).noneMatch(line -> line.contains("box") || line.contains("\uFFFD"));
        }
        assertThat(mailboxes.mailboxes(account.id())).noneMatch(box -> box.name().startsWith("box"));
    }

    private static byte[] line(String before, byte[] octets, String after) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(before.getBytes(StandardCharsets.US_ASCII));
        out.write(octets);
        out.write((after + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
