package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sections larger than the batch limit are streamed from the store: over a real connection they
 * must arrive byte-exact, whatever their offset and length, and a message expunged while it is
 * streamed must end the connection rather than leave a literal short.
 */
class LargeSectionFetchTest extends ImapTestSupport {
    /** A text/plain message of about {@code bodySize} octets: 8-bit octets, dot lines, no NUL, CR or LF inside lines. */
    private static byte[] message(String subject, int bodySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: big@example.org\r\nTo: someone@example.test\r\nSubject: " + subject
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        SplittableRandom random = new SplittableRandom(42);
        String[] dotLines = {".", "..", ".hidden", ". "};
        int line = 0;
        while (out.size() < bodySize) {
            if (line++ % 50 == 0) {
                out.writeBytes(dotLines[line % dotLines.length].getBytes(StandardCharsets.US_ASCII));
            } else {
                int length = random.nextInt(1, 900);
                for (int i = 0; i < length; i++) {
                    int b = random.nextInt(1, 256);
                    out.write(b == '\r' || b == '\n' ? 'x' : b);
                }
            }
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int headerLength(byte[] message) {
        for (int i = 3; i < message.length; i++) {
            if (message[i - 3] == '\r' && message[i - 2] == '\n' && message[i - 1] == '\r' && message[i] == '\n') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no header end");
    }

    @Test
    void largeSectionsArriveByteExact() throws Exception {
        Account account = account("streamed");
        Mailbox inbox = inbox(account);
        byte[] message = message("large", 3 * 1024 * 1024 + 4321);
        long uid = mailboxes.append(inbox, message, MessageFlags.of(List.of()), Instant.now()).uid();
        int headerLength = headerLength(message);
        byte[] text = Arrays.copyOfRange(message, headerLength, message.length);

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            String prefix = " FETCH (UID " + uid + " ";

            Response whole = fetch(client, "b", "UID FETCH " + uid + " BODY.PEEK[]");
            assertThat(whole.lines().get(0)).startsWith("* ").endsWith(prefix + "BODY[] {" + message.length + "}");
            assertThat(whole.literals()).containsExactly(message);
            assertThat(whole.lines()).hasSize(3);
            assertThat(whole.lines().get(1)).isEqualTo(")");
            assertThat(whole.lines().get(2)).startsWith("b OK");

            Response body = fetch(client, "c", "UID FETCH " + uid + " BODY.PEEK[TEXT]");
            assertThat(body.lines().get(0)).endsWith(prefix + "BODY[TEXT] {" + text.length + "}");
            assertThat(body.literals()).containsExactly(text);

            // a partial range crossing the header's end and ending inside a chunk
            int start = 1000;
            int count = 2 * 1024 * 1024 + 17;
            Response partial = fetch(client, "d", "UID FETCH " + uid + " BODY.PEEK[]<" + start + "." + count + ">");
            assertThat(partial.lines().get(0)).endsWith(prefix + "BODY[]<" + start + "> {" + count + "}");
            assertThat(partial.literals()).containsExactly(Arrays.copyOfRange(message, start, start + count));

            // one running past the end gets what there is
            Response end = fetch(client, "e", "UID FETCH " + uid + " BODY.PEEK[]<300000.99999999>");
            assertThat(end.literals()).containsExactly(Arrays.copyOfRange(message, 300000, message.length));

            Response binary = fetch(client, "f", "UID FETCH " + uid + " (BINARY.PEEK[] BINARY.SIZE[])");
            assertThat(binary.lines().get(0)).endsWith(prefix + "BINARY[] ~{" + message.length + "}");
            assertThat(binary.literals()).containsExactly(message);
            assertThat(binary.lines().get(1)).isEqualTo(" BINARY.SIZE[] " + message.length + ")");

            // a small section beside a streamed one; RFC822 sets \Seen and the response says so
            Response rfc822 = fetch(client, "g", "UID FETCH " + uid + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822)");
            assertThat(rfc822.lines()).hasSize(4);
            assertThat(rfc822.lines().get(0)).endsWith(prefix + "BODY[HEADER.FIELDS (SUBJECT)] {18}");
            assertThat(rfc822.lines().get(1)).isEqualTo(" RFC822 {" + message.length + "}");
            assertThat(rfc822.lines().get(2)).startsWith(" FLAGS (\\Seen").endsWith(")");
            assertThat(rfc822.literals()).containsExactly("Subject: large\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    message);
            assertThat(rfc822.lines().get(3)).startsWith("g OK");
        }
    }

    @Test
    void messageExpungedWhileStreamedClosesTheConnection() throws Exception {
        Account account = account("streamcut");
        Mailbox inbox = inbox(account);
        // larger than what socket buffers hold while the client does not read
        byte[] message = message("cut", 24 * 1024 * 1024);
        long uid = mailboxes.append(inbox, message, MessageFlags.of(List.of()), Instant.now()).uid();

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            client.send("b UID FETCH " + uid + " BODY.PEEK[]");
            assertThat(client.readLine()).endsWith("BODY[] {" + message.length + "}");
            mailboxes.delete(inbox, List.of(uid));

            byte[] received = client.readBytes(message.length);
            assertThat(received.length).isLessThan(message.length);
            assertThat(received).isEqualTo(Arrays.copyOf(message, received.length));
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void messageExpungedBeforeItsTurnIsReportedGone() throws Exception {
        Account account = account("streamgone");
        Mailbox inbox = inbox(account);
        byte[] first = message("first", 24 * 1024 * 1024);
        byte[] second = message("second", 512 * 1024);
        mailboxes.append(inbox, first, MessageFlags.of(List.of()), Instant.now());
        long secondUid = mailboxes.append(inbox, second, MessageFlags.of(List.of()), Instant.now()).uid();

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            client.send("b FETCH 1:2 BODY.PEEK[]");
            assertThat(client.readLine()).isEqualTo("* 1 FETCH (BODY[] {" + first.length + "}");
            // the second message's metadata was read with the first's; it goes while the first is written
            mailboxes.delete(inbox, List.of(secondUid));

            assertThat(client.readBytes(first.length)).isEqualTo(first);
            assertThat(client.readLine()).isEqualTo(")");
            assertThat(client.readLine()).startsWith("b NO [EXPUNGEISSUED]");
        }
    }
}
