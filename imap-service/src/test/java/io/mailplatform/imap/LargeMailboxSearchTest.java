package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MailboxImport;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SEARCH over 10,000 messages: every result is checked against what the generator put in, so a
 * wrong SQL translation cannot pass by accident; message numbers and UIDs both.
 */
class LargeMailboxSearchTest extends ImapTestSupport {
    private static final int COUNT = 10_000;
    private static final String[] TOPICS = {"invoice", "holiday", "meeting", "newsletter", "report"};

    @Autowired
    MailboxImport importer;

    private Account account;

    @BeforeAll
    void fill() throws Exception {
        account = account("large-search");
        List<MailboxImport.ImportedMessage> messages = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            String topic = TOPICS[i % TOPICS.length];
            String text = "From: Person " + (i % 100) + " <person" + (i % 100) + "@example.org>\r\n"
                    + "To: large-search@example.test\r\nSubject: " + topic + " #" + i + "\r\n"
                    + "Date: " + (1 + i % 28) + " Oct 2026 12:00:00 +0000\r\nMessage-ID: <m" + i + "@example.org>\r\n\r\n"
                    + "This " + topic + " mentions " + (i % 7 == 0 ? "pineapple" : "apple") + " and number " + i + ".\r\n"
                    + "x".repeat(i % 50) + "\r\n";
            List<String> flags = new ArrayList<>();
            if (i % 2 == 0) {
                flags.add("\\Seen");
            }
            if (i % 10 == 0) {
                flags.add("\\Flagged");
            }
            if (i % 1000 == 0) {
                flags.add("$Important");
            }
            messages.add(new MailboxImport.ImportedMessage(text.getBytes(StandardCharsets.US_ASCII), MessageFlags.of(flags),
                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * (i % 48))));
        }
        importer.importMessages(inbox(account), messages);
    }

    private static long[] numbers(List<String> lines) {
        String search = lines.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow();
        String rest = search.substring("* SEARCH".length()).trim();
        return rest.isEmpty() ? new long[0] : Arrays.stream(rest.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static long[] expected(java.util.function.IntPredicate matches) {
        return java.util.stream.IntStream.rangeClosed(1, COUNT).filter(matches).asLongStream().toArray();
    }

    @Test
    void searchesTenThousandMessagesByEveryKindOfKey() throws Exception {
        try (LineClient client = login(account)) {
            List<String> select = command(client, "s", "SELECT INBOX");
            assertThat(select).contains("* " + COUNT + " EXISTS");

            assertThat(numbers(command(client, "a", "SEARCH UNSEEN"))).containsExactly(expected(i -> i % 2 != 0));
            assertThat(numbers(command(client, "b", "SEARCH FLAGGED SEEN"))).containsExactly(expected(i -> i % 10 == 0));
            assertThat(numbers(command(client, "c", "UID SEARCH KEYWORD $Important"))).containsExactly(expected(i -> i % 1000 == 0));
            assertThat(numbers(command(client, "d", "SEARCH SUBJECT holiday"))).containsExactly(expected(i -> i % 5 == 1));
            assertThat(numbers(command(client, "e", "SEARCH FROM person42@"))).containsExactly(expected(i -> i % 100 == 42));
            assertThat(numbers(command(client, "f", "SEARCH BODY pineapple"))).containsExactly(expected(i -> i % 7 == 0));
            assertThat(numbers(command(client, "g", "SEARCH TEXT invoice NOT BODY pineapple")))
                    .containsExactly(expected(i -> i % 5 == 0 && i % 7 != 0));
            assertThat(numbers(command(client, "h", "SEARCH SENTON 3-Oct-2026"))).containsExactly(expected(i -> i % 28 == 2));
            assertThat(numbers(command(client, "i", "SEARCH SINCE 2-Nov-2026"))).containsExactly(expected(i -> i % 48 >= 24));
            assertThat(numbers(command(client, "j", "SEARCH LARGER 330 SMALLER 340")))
                    .containsExactly(expected(i -> {
                        int size = 2 + ("From: Person " + (i % 100) + " <person" + (i % 100) + "@example.org>\r\n"
                                + "To: large-search@example.test\r\nSubject: " + TOPICS[i % 5] + " #" + i + "\r\n"
                                + "Date: " + (1 + i % 28) + " Oct 2026 12:00:00 +0000\r\nMessage-ID: <m" + i + "@example.org>\r\n\r\n"
                                + "This " + TOPICS[i % 5] + " mentions " + (i % 7 == 0 ? "pineapple" : "apple") + " and number "
                                + i + ".\r\n" + "x".repeat(i % 50)).length();
                        return size > 330 && size < 340;
                    }));
            assertThat(numbers(command(client, "k", "SEARCH HEADER Message-ID <m4321@example.org>"))).containsExactly(4321);
            assertThat(numbers(command(client, "l", "SEARCH 9990:* OR SEEN FLAGGED")))
                    .containsExactly(expected(i -> i >= 9990 && i % 2 == 0));
            List<String> esearch = command(client, "m", "SEARCH RETURN (MIN MAX COUNT) OR SUBJECT meeting SUBJECT report");
            assertThat(esearch.get(0)).isEqualTo("* ESEARCH (TAG \"m\") MIN 2 MAX 9999 COUNT 4000");
        }
    }
}
