package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands a client pipelines (RFC 9051 §5.5) run one after another on one worker: each must still
 * get its own untagged responses before its own tagged one, in the order sent, exactly once, and a
 * command that changes how later input is read (IDLE) or a line that does not parse must leave the
 * commands behind it to be read as they were meant.
 */
class PipelinedCommandsTest extends ImapTestSupport {

    /** The tags of the tagged responses among {@code lines}, in order. */
    private static List<String> taggedOrder(List<String> lines, List<String> tags) {
        List<String> seen = new ArrayList<>();
        for (String line : lines) {
            String tag = line.split(" ", 2)[0];
            if (tags.contains(tag)) {
                seen.add(tag);
            }
        }
        return seen;
    }

    /** The lines after {@code tag}'s tagged response, up to and including {@code next}'s. */
    private static List<String> between(List<String> lines, String tag, String next) {
        int from = 0;
        while (!lines.get(from).startsWith(tag + " ")) {
            from++;
        }
        int to = from + 1;
        while (!lines.get(to).startsWith(next + " ")) {
            to++;
        }
        return lines.subList(from + 1, to + 1);
    }

    /**
     * After {@code previous}'s tagged response: one untagged response starting with each of
     * {@code untagged}, in order, then a tagged response starting with {@code tagged}.
     */
    private static void assertAnswer(List<String> lines, String previous, String tagged, String... untagged) {
        List<String> answer = between(lines, previous, tagged.split(" ")[0]);
        assertThat(answer).as(tagged).hasSize(untagged.length + 1);
        for (int i = 0; i < untagged.length; i++) {
            assertThat(answer.get(i)).as(tagged).startsWith(untagged[i]);
        }
        assertThat(answer.get(untagged.length)).startsWith(tagged);
    }

    @Test
    void eachPipelinedCommandIsAnsweredOnceInOrderWithItsOwnUntaggedResponses() throws Exception {
        Account account = account("pipeliner");
        Mailbox inbox = inbox(account);
        for (int i = 1; i <= 3; i++) {
            append(inbox, simpleMessage("a@example.test", "piped " + i, "body " + i), Instant.now());
        }
        try (LineClient client = login(account)) {
            client.write("""
                    p1 SELECT INBOX\r
                    p2 STORE 2 +FLAGS (\\Flagged)\r
                    p3 FETCH 2 (FLAGS)\r
                    p4 SEARCH FLAGGED\r
                    p5 FETCH\r
                    p6 STORE 2 -FLAGS.SILENT (\\Flagged)\r
                    p7 SEARCH FLAGGED\r
                    p8 FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r
                    p9 NOOP\r
                    """);
            List<String> lines = client.readUntil(line -> line.startsWith("p9 "));
            List<String> tags = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");

            assertThat(taggedOrder(lines, tags)).containsExactlyElementsOf(tags);
            // IMAP4rev1: \Recent may follow \Flagged (this session claimed the new messages)
            assertAnswer(lines, "p1", "p2 OK", "* 2 FETCH (FLAGS (\\Flagged");
            assertAnswer(lines, "p2", "p3 OK", "* 2 FETCH (FLAGS (\\Flagged");
            assertAnswer(lines, "p3", "p4 OK", "* SEARCH 2");
            assertAnswer(lines, "p4", "p5 BAD");
            assertAnswer(lines, "p5", "p6 OK");
            assertAnswer(lines, "p6", "p7 OK", "* SEARCH");
            assertThat(between(lines, "p3", "p4").get(0)).isEqualTo("* SEARCH 2");
            assertThat(between(lines, "p6", "p7").get(0)).isEqualTo("* SEARCH");
            List<String> fetched = between(lines, "p7", "p8");
            assertThat(fetched.get(fetched.size() - 1)).startsWith("p8 OK");
            assertThat(String.join("\n", fetched)).contains("piped 1", "piped 2", "piped 3");
            assertAnswer(lines, "p8", "p9 OK");
        }
    }

    @Test
    void linesPipelinedBehindIdleAreReadAsIdleReadsThem() throws Exception {
        Account account = account("pipelined-idler");
        append(inbox(account), simpleMessage("a@example.test", "idle", "body"), Instant.now());
        try (LineClient client = login(account)) {
            // DONE is IDLE's end, not a command; the NOOP after it is a command again
            client.write("i1 SELECT INBOX\r\ni2 NOOP\r\ni3 IDLE\r\nDONE\r\ni4 NOOP\r\n");
            List<String> lines = client.readUntil(line -> line.startsWith("i4 "));

            assertThat(taggedOrder(lines, List.of("i1", "i2", "i3", "i4"))).containsExactly("i1", "i2", "i3", "i4");
            assertThat(between(lines, "i2", "i3")).first().asString().startsWith("+ ");
            assertThat(lines).filteredOn(line -> line.startsWith("i3 ")).singleElement().asString()
                    .startsWith("i3 OK");
            assertThat(lines).filteredOn(line -> line.startsWith("i4 ")).singleElement().asString()
                    .startsWith("i4 OK");
            assertThat(lines).noneMatch(line -> line.contains("BAD"));
        }
    }
}
