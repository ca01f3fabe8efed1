package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One FETCH holds about {@code fetch-batch-bytes} (1 MB) of message octets however many items it
 * names: sections beyond it are read one at a time as the client takes them, and a client that does
 * not read leaves the server holding that much, not what all the items add up to. Every octet still
 * arrives, in order.
 */
class FetchBatchBytesTest extends ImapTestSupport {
    private static final int MESSAGES = 4;
    private static final int PARTIALS = 60;
    private static final int PARTIAL_LENGTH = 200_000;
    private static final int HEADER_ITEMS = 30;

    private static byte[] message(int n) {
        StringBuilder text = new StringBuilder("From: a@example.org\r\nTo: b@example.test\r\nSubject: batch " + n
                + "\r\n\r\n");
        for (int line = 0; text.length() < 300_000; line++) {
            text.append("message ").append(n).append(" line ").append(line).append(' ').append("y".repeat(60))
                    .append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void manyLargeItemsAreReadAsTheClientTakesThem() throws Exception {
        Account account = account("batchbytes");
        Mailbox inbox = inbox(account);
        List<byte[]> messages = new ArrayList<>();
        for (int n = 0; n < MESSAGES; n++) {
            messages.add(message(n));
            mailboxes.append(inbox, messages.get(n), MessageFlags.NONE, Instant.now());
        }
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < PARTIALS; i++) {
            items.append(" BODY.PEEK[]<").append(i * 1000).append('.').append(PARTIAL_LENGTH).append('>');
        }
        // the same small section asked for again and again: read once, each copy made when written
        items.append(" BODY.PEEK[HEADER.FIELDS (SUBJECT)]".repeat(HEADER_ITEMS));

        long before = usedHeapAfterGc();
        try (LineClient client = login(account, port(), 8 * 1024)) {
            command(client, "s", "SELECT INBOX");
            client.send("f FETCH 1:* (" + items.substring(1) + ")");
            String first = client.readLine();
            assertThat(first).startsWith("* 1 FETCH (BODY[]<0> {" + PARTIAL_LENGTH + "}");
            // the client reads no further: before, the server had read all 48 MB of the batch by now
            long held = usedHeapAfterGc() - before;
            assertThat(held).as("heap held while the client does not read").isLessThan(16L * 1024 * 1024);

            Response response = readResponse(client, "f", first);
            assertThat(response.lines()).last().asString().startsWith("f OK");
            assertThat(response.literals()).hasSize(MESSAGES * (PARTIALS + HEADER_ITEMS));
            for (int n = 0; n < MESSAGES; n++) {
                byte[] message = messages.get(n);
                for (int i = 0; i < PARTIALS; i++) {
                    int start = i * 1000;
                    assertThat(response.literals().get(n * (PARTIALS + HEADER_ITEMS) + i)).as("message %d item %d", n, i)
                            .isEqualTo(Arrays.copyOfRange(message, start, Math.min(message.length, start + PARTIAL_LENGTH)));
                }
                byte[] subject = ("Subject: batch " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < HEADER_ITEMS; i++) {
                    assertThat(response.literals().get(n * (PARTIALS + HEADER_ITEMS) + PARTIALS + i)).isEqualTo(subject);
                }
            }
            assertThat(command(client, "n", "NOOP")).containsExactly("n OK NOOP completed");
        }
    }
}
