package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * \Recent and APPEND (RFC 3501 §2.3.2): an IMAP4rev1 session that appends to the mailbox it has
 * selected is the first to be notified of the new message, so the message is \Recent in that
 * session and in no other. The claim is made in the append's own statement.
 */
class AppendRecentTest extends ImapTestSupport {

    private static List<String> append(LineClient client, String tag, String mailbox) throws Exception {
        client.send(tag + " APPEND " + mailbox + " {17}");
        assertThat(client.readLine()).startsWith("+ ");
        client.send("Subject: new\r\n\r\nx");
        return client.readUntil(line -> line.startsWith(tag + " "));
    }

    @Test
    void theAppendingSessionGetsItsNewMessageAsRecentAndNoOtherSessionDoes() throws Exception {
        Account account = account("append-recent");
        Fixtures.seed(mailboxes, inbox(account));
        try (LineClient appender = login(account); LineClient other = login(account)) {
            assertThat(command(appender, "s1", "SELECT INBOX")).contains("* 4 RECENT");

            List<String> appended = append(appender, "a1", "INBOX");
            assertThat(appended).hasSize(3);
            assertThat(appended.subList(0, 2)).containsExactly("* 5 EXISTS", "* 5 RECENT");
            assertThat(appended.get(2)).startsWith("a1 OK [APPENDUID ");
            assertThat(command(appender, "f1", "FETCH 5 (FLAGS)"))
                    .containsExactly("* 5 FETCH (FLAGS (\\Recent))", "f1 OK FETCH completed");

            assertThat(command(other, "s2", "SELECT INBOX")).contains("* 5 EXISTS", "* 0 RECENT");
            assertThat(command(other, "f2", "FETCH 5 (FLAGS)"))
                    .containsExactly("* 5 FETCH (FLAGS ())", "f2 OK FETCH completed");

            // the other session's append: it claims its own message; the first hears of it without it
            assertThat(append(other, "a2", "INBOX")).startsWith("* 6 EXISTS", "* 1 RECENT");
            assertThat(command(appender, "n1", "NOOP")).containsExactly("* 6 EXISTS", "* 5 RECENT", "n1 OK NOOP completed");
        }
    }

    @Test
    void anAppendFromASessionWithoutTheMailboxSelectedLeavesTheMessageRecentForTheFirstToSeeIt() throws Exception {
        Account account = account("append-recent-elsewhere");
        Fixtures.seed(mailboxes, inbox(account));
        try (LineClient watcher = login(account); LineClient examiner = login(account); LineClient appender = login(account)) {
            assertThat(command(watcher, "s1", "SELECT INBOX")).contains("* 4 RECENT");
            assertThat(command(examiner, "e1", "EXAMINE INBOX")).last().asString().startsWith("e1 OK [READ-ONLY]");

            // a read-only session claims nothing, not even for its own append
            assertThat(append(examiner, "a1", "INBOX")).startsWith("* 5 EXISTS");
            assertThat(command(watcher, "n1", "NOOP")).containsExactly("* 5 EXISTS", "* 5 RECENT", "n1 OK NOOP completed");

            // nor does a session that has no mailbox selected
            assertThat(append(appender, "a2", "INBOX")).hasSize(1).first().asString().startsWith("a2 OK [APPENDUID ");
            assertThat(command(watcher, "n2", "NOOP")).containsExactly("* 6 EXISTS", "* 6 RECENT", "n2 OK NOOP completed");
        }
    }
}
