package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two sessions on one mailbox see each other's changes (RFC 9051 §5.2, §7.4.1, §7.5.1): new
 * messages, flag changes and expunges, reported at the points the RFC allows, with message
 * sequence numbers that stay consistent for each client.
 */
class ConcurrentSessionsTest extends ImapTestSupport {
    @Autowired
    JdbcClient jdbc;

    @Test
    void idleSessionHearsOfNewMessagesFlagChangesAndExpungesAtOnce() throws Exception {
        Account account = seeded("concurrent-idle");
        try (LineClient idler = login(account); LineClient other = login(account)) {
            select(idler);
            select(other);
            idler.send("i1 IDLE");
            assertThat(idler.readLine()).isEqualTo("+ idling");

            command(other, "o1", "STORE 2 +FLAGS.SILENT (\\Flagged)");
            assertThat(idler.readLine()).isEqualTo("* 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent))");

            other.send("o2 APPEND INBOX {17}");
            assertThat(other.readLine()).startsWith("+ ");
            other.send("Subject: new\r\n\r\nx");
            // the appending session has INBOX selected too: it hears of the new message before its OK;
            // whichever session sees it first gets it as \Recent (RFC 3501 §2.3.2)
            List<String> appended = other.readUntil(line -> line.startsWith("o2 "));
            assertThat(appended).hasSize(3);
            assertThat(appended.get(0)).isEqualTo("* 5 EXISTS");
            assertThat(appended.get(1)).matches("\\* [01] RECENT");
            assertThat(appended.get(2)).startsWith("o2 OK [APPENDUID ");
            assertThat(idler.readLine()).isEqualTo("* 5 EXISTS");
            assertThat(idler.readLine()).matches("\\* [45] RECENT");

            command(other, "o3", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            assertThat(idler.readLine()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Seen \\Deleted \\Recent))");
            assertThat(command(other, "o4", "EXPUNGE")).containsExactly("* 1 EXPUNGE", "o4 OK EXPUNGE completed");
            assertThat(idler.readLine()).isEqualTo("* 1 EXPUNGE");

            idler.send("DONE");
            assertThat(idler.readLine()).isEqualTo("i1 OK IDLE terminated");
            // message sequence numbers moved down by one, for both clients alike
            assertThat(command(idler, "i2", "FETCH 1:* (UID)")).containsExactly("* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)",
                    "* 3 FETCH (UID 4)", "* 4 FETCH (UID 5)", "i2 OK FETCH completed");
        }
    }

    @Test
    void noExpungeWhileFetchStoreOrSearchRunsEvenInTheirUidForms() throws Exception {
        Account account = seeded("concurrent-expunge");
        try (LineClient reader = login(account); LineClient other = login(account)) {
            select(reader);
            select(other);
            command(other, "o1", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            command(other, "o2", "EXPUNGE");

            // message 1 is gone from the store but still message 1 for this client: its UID is known,
            // its flags and contents cannot be answered (RFC 2180 §4.1)
            assertThat(command(reader, "r0", "FETCH 1:* (UID)")).containsExactly("* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)",
                    "* 3 FETCH (UID 3)", "* 4 FETCH (UID 4)", "r0 OK FETCH completed");
            List<String> fetch = command(reader, "r1", "FETCH 1:* (UID FLAGS)");
            assertThat(fetch).noneMatch(line -> line.endsWith("EXPUNGE"));
            assertThat(fetch).hasSize(4).last().isEqualTo("r1 NO [EXPUNGEISSUED] Some of the requested messages no longer exist");
            assertThat(fetch.get(0)).startsWith("* 2 FETCH (UID 2 FLAGS (");
            assertThat(command(reader, "r2", "UID FETCH 1:* (FLAGS)")).noneMatch(line -> line.endsWith("EXPUNGE"));
            assertThat(command(reader, "r3", "SEARCH ALL")).containsExactly("* SEARCH 2 3 4", "r3 OK SEARCH completed");
            assertThat(command(reader, "r4", "UID SEARCH ALL")).containsExactly("* SEARCH 2 3 4",
                    "r4 OK UID SEARCH completed");
            assertThat(command(reader, "r5", "STORE 4 +FLAGS.SILENT (\\Flagged)")).containsExactly("r5 OK STORE completed");
            assertThat(command(reader, "r6", "UID STORE 4 -FLAGS.SILENT (\\Flagged)"))
                    .containsExactly("r6 OK STORE completed");
            // NOOP may expunge: now the client learns of it and the numbers shift
            assertThat(command(reader, "r7", "NOOP")).containsExactly("* 1 EXPUNGE", "r7 OK NOOP completed");
            assertThat(command(reader, "r8", "FETCH 1 (UID)")).containsExactly("* 1 FETCH (UID 2)", "r8 OK FETCH completed");
        }
    }

    @Test
    void newMessagesAreAnnouncedDuringAnyCommandAndNeverOutOfOrder() throws Exception {
        Account account = seeded("concurrent-exists");
        try (LineClient reader = login(account); LineClient other = login(account)) {
            select(reader);
            append(inbox(account), simpleMessage("x@example.org", "during", "text"), java.time.Instant.now());
            // FETCH does not see message 5 by its number before EXISTS told the client about it
            assertThat(command(reader, "r1", "FETCH 4:* (UID)")).containsExactly("* 4 FETCH (UID 4)", "* 5 EXISTS",
                    "* 5 RECENT", "r1 OK FETCH completed");
            assertThat(command(reader, "r2", "FETCH 5 (UID)")).containsExactly("* 5 FETCH (UID 5)", "r2 OK FETCH completed");
        }
    }

    @Test
    void aLostEventOnlyDelaysTheNewsTheStoreIsReadAnyway() throws Exception {
        Account account = seeded("concurrent-lost-event");
        Mailbox inbox = inbox(account);
        try (LineClient reader = login(account)) {
            select(reader);
            // a flag change that publishes no event at all
            changeFlagsWithoutEvent(inbox, 3);
            assertThat(command(reader, "r1", "NOOP")).containsExactly("* 3 FETCH (UID 3 FLAGS (\\Flagged \\Draft $Work \\Recent))",
                    "r1 OK NOOP completed");
            reader.send("r2 IDLE");
            assertThat(reader.readLine()).isEqualTo("+ idling");
            changeFlagsWithoutEvent(inbox, 2);
            // the idle poll (2 s in tests) finds it
            assertThat(reader.readLine()).isEqualTo("* 2 FETCH (UID 2 FLAGS (\\Draft \\Recent))");
            reader.send("DONE");
            assertThat(reader.readLine()).isEqualTo("r2 OK IDLE terminated");
        }
    }

    @Test
    void deletingTheSelectedMailboxEndsTheOtherSession() throws Exception {
        Account account = account("concurrent-delete");
        try (LineClient reader = login(account); LineClient other = login(account)) {
            assertThat(command(other, "o1", "CREATE Doomed")).last().asString().startsWith("o1 OK [MAILBOXID (")
                    .endsWith(")] CREATE completed");
            assertThat(command(reader, "r1", "SELECT Doomed")).last().asString().startsWith("r1 OK");
            assertThat(command(other, "o2", "DELETE Doomed")).last().isEqualTo("o2 OK DELETE completed");
            reader.send("r2 NOOP");
            assertThat(reader.readLine()).isEqualTo("* BYE The selected mailbox was deleted");
            assertThat(reader.isClosedByServer()).isTrue();
        }
    }

    /**
     * RFC 9051 §7.3.5: the client records its flag list from FLAGS, so a keyword another session
     * (or delivery) gives a message is announced to every session that has the mailbox selected
     * before the FETCH that reports it: read-write with PERMANENTFLAGS, read-only with FLAGS alone.
     */
    @Test
    void keywordsSetElsewhereAreAnnouncedBeforeTheFetchThatShowsThem() throws Exception {
        Account account = seeded("concurrent-keywords");
        String system = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
        try (LineClient idler = login(account); LineClient reader = login(account); LineClient other = login(account)) {
            assertThat(command(reader, "e", "EXAMINE INBOX")).contains("* FLAGS (" + system + " $Work)");
            select(idler);
            select(other);
            idler.send("i1 IDLE");
            assertThat(idler.readLine()).isEqualTo("+ idling");

            command(other, "o1", "STORE 2 +FLAGS.SILENT ($Label1)");
            assertThat(idler.readLine()).isEqualTo("* FLAGS (" + system + " $Work $Label1)");
            assertThat(idler.readLine()).isEqualTo("* OK [PERMANENTFLAGS (" + system + " $Work $Label1 \\*)] Flags permitted");
            assertThat(idler.readLine()).isEqualTo("* 2 FETCH (UID 2 FLAGS ($Label1 \\Recent))");

            List<String> noop = command(reader, "r1", "NOOP");
            assertThat(noop).hasSize(3);
            assertThat(noop.get(0)).isEqualTo("* FLAGS (" + system + " $Work $Label1)");
            assertThat(noop.get(1)).matches("\\* 2 FETCH \\(UID 2 FLAGS \\(\\$Label1( \\\\Recent)?\\)\\)");

            // a keyword written without registering it, as delivery writes $SpfSoftfail, and without an event
            addKeywordWithoutEvent(inbox(account), 4, "$Junk");
            assertThat(idler.readLine()).isEqualTo("* FLAGS (" + system + " $Work $Label1 $Junk)");
            assertThat(idler.readLine()).startsWith("* OK [PERMANENTFLAGS (" + system + " $Work $Label1 $Junk \\*)]");
            assertThat(idler.readLine()).isEqualTo("* 4 FETCH (UID 4 FLAGS (\\Seen \\Answered $Junk \\Recent))");
            idler.send("DONE");
            assertThat(idler.readLine()).isEqualTo("i1 OK IDLE terminated");

            // the session that set $Label1 with .SILENT was never told of it: its next STORE announces it
            // before its own FETCH, and the unsolicited FETCH of message 4 after that brings $Junk
            assertThat(command(other, "o2", "STORE 3 +FLAGS ($Label1)")).containsExactly(
                    "* FLAGS (" + system + " $Work $Label1)",
                    "* OK [PERMANENTFLAGS (" + system + " $Work $Label1 \\*)] Flags permitted",
                    "* 3 FETCH (FLAGS (\\Flagged $Label1 $Work))",
                    "* FLAGS (" + system + " $Work $Label1 $Junk)",
                    "* OK [PERMANENTFLAGS (" + system + " $Work $Label1 $Junk \\*)] Flags permitted",
                    "* 4 FETCH (UID 4 FLAGS (\\Seen \\Answered $Junk))",
                    "o2 OK STORE completed");
        }
    }

    /** Adds a keyword the way delivery writes its own: a new MODSEQ, not registered, no event. */
    private void addKeywordWithoutEvent(Mailbox mailbox, long uid, String keyword) {
        jdbc.sql("""
                WITH next AS (UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq)
                UPDATE messages SET keywords = keywords || ?::text, modseq = (SELECT highest_modseq FROM next)
                WHERE mailbox_id = ? AND uid = ?""").params(mailbox.id(), keyword, mailbox.id(), uid).update();
    }

    /** Adds \Draft the way a writer that publishes nothing would: a new MODSEQ, no event. */
    private void changeFlagsWithoutEvent(Mailbox mailbox, long uid) {
        jdbc.sql("""
                WITH next AS (UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq)
                UPDATE messages SET flags = flags | 16, modseq = (SELECT highest_modseq FROM next)
                WHERE mailbox_id = ? AND uid = ?""").params(mailbox.id(), mailbox.id(), uid).update();
    }
}
