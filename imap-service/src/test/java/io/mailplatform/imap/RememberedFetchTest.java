package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A session answers FETCH from what it read before, with the content cache, while its mailbox has not moved
 * (SelectedMailbox#memory): what it answers so must be what the store holds after every change the session
 * has been told of, its own and other sessions' flag changes and expunges. The content cache is on here
 * (off in the other tests, see RealInfrastructure), so this class has a context of its own.
 */
@TestPropertySource(properties = "mail.store.content-cache=4MB")
class RememberedFetchTest extends ImapTestSupport {
    private static final String ITEMS = "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])";

    /** The FETCH response lines of message {@code msn} among a command's responses. */
    private static List<String> fetchesOf(List<String> responses, int msn) {
        return responses.stream().filter(line -> line.startsWith("* " + msn + " FETCH")).toList();
    }

    @Test
    void anotherSessionsFlagChangeReachesWhatTheSessionRemembers() throws Exception {
        Account account = seeded("remembered-flags");
        try (LineClient reader = login(account); LineClient writer = login(account)) {
            select(reader);
            select(writer);
            fetch(reader, "r1", "FETCH 1:4 " + ITEMS);
            fetch(reader, "r2", "FETCH 1:4 " + ITEMS); // now from memory
            assertThat(command(writer, "w1", "STORE 2 +FLAGS.SILENT (\\Flagged $Later)")).last().asString()
                    .startsWith("w1 OK");
            // the mailbox moved since the reader's view: its memory must not answer
            assertThat(fetchesOf(fetch(reader, "r3", "FETCH 2 " + ITEMS).lines(), 2)).first().asString()
                    .contains("\\Flagged", "$Later");

            command(writer, "w2", "STORE 3 +FLAGS.SILENT ($Other)");
            // the session hears of the change (NOOP reads the store); then the mailbox is known unmoved again
            assertThat(command(reader, "r4", "NOOP")).anyMatch(line -> line.startsWith("* 3 FETCH")
                    && line.contains("$Other"));
            assertThat(fetchesOf(fetch(reader, "r5", "FETCH 3 " + ITEMS).lines(), 3)).singleElement().asString()
                    .contains("$Other");
            assertThat(fetchesOf(command(reader, "r6", "FETCH 3 FLAGS"), 3)).singleElement().asString()
                    .contains("$Other");
            // a STORE that changes nothing answers with the flags as they are, recalled the same way
            assertThat(fetchesOf(command(reader, "r7", "STORE 3 +FLAGS (\\Flagged)"), 3)).singleElement().asString()
                    .contains("$Other");
        }
    }

    @Test
    void theSessionsOwnStoreReachesWhatItRemembers() throws Exception {
        Account account = seeded("remembered-own");
        try (LineClient client = login(account)) {
            select(client);
            fetch(client, "a1", "FETCH 1:4 " + ITEMS);
            command(client, "a2", "STORE 2 +FLAGS.SILENT (\\Answered)");
            assertThat(fetchesOf(fetch(client, "a3", "FETCH 2 " + ITEMS).lines(), 2)).singleElement().asString()
                    .contains("\\Answered");
            command(client, "a4", "STORE 2 -FLAGS.SILENT (\\Answered)");
            assertThat(fetchesOf(command(client, "a5", "FETCH 2 FLAGS"), 2)).singleElement().asString()
                    .doesNotContain("\\Answered");
            // BODY[] without PEEK sets \Seen, which the next FETCH remembers
            fetch(client, "a6", "FETCH 2 BODY[TEXT]");
            assertThat(fetchesOf(fetch(client, "a7", "FETCH 2 " + ITEMS).lines(), 2)).singleElement().asString()
                    .contains("\\Seen");
        }
    }

    @Test
    void messagesExpungedElsewhereAreNotAnsweredFromMemory() throws Exception {
        Account account = seeded("remembered-expunged");
        try (LineClient reader = login(account); LineClient writer = login(account)) {
            select(reader);
            select(writer);
            fetch(reader, "r1", "FETCH 1:4 " + ITEMS);
            command(writer, "w1", "STORE 3 +FLAGS.SILENT (\\Deleted)");
            assertThat(command(writer, "w2", "EXPUNGE")).contains("* 3 EXPUNGE");
            // a FETCH may not report the expunge (RFC 9051 §7.5.1): message 3 is gone, the others are answered
            Response during = fetch(reader, "r2", "UID FETCH 1:* " + ITEMS);
            assertThat(during.lines()).noneMatch(line -> line.contains("UID 3 "));
            assertThat(command(reader, "r3", "NOOP")).contains("* 3 EXPUNGE");
            Response after = fetch(reader, "r4", "FETCH 1:* (UID FLAGS)");
            assertThat(after.lines()).filteredOn(line -> line.startsWith("* ")).extracting(line -> line.replaceAll(
                    ".*UID (\\d+).*", "$1")).containsExactly("1", "2", "4");
        }
    }
}
