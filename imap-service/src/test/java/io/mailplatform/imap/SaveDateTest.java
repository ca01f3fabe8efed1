package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RFC 8514 SAVEDATE beyond the transcript: a message's save date is when it entered its current
 * mailbox (COPY and MOVE give the copy a new one), SAVEDON finds today's saves, and a message stored
 * before the store kept save dates answers NIL and is searched by its internal date.
 */
class SaveDateTest extends ImapTestSupport {
    private static final Pattern SAVEDATE = Pattern.compile("SAVEDATE \"([^\"]+)\"");
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    @Autowired
    JdbcClient jdbc;

    @Test
    void copyAndMoveSaveTheMessageAgain() throws Exception {
        Account account = account("savedate-copy");
        Mailbox inbox = inbox(account);
        append(inbox, simpleMessage("a@example.test", "old", "old"), Instant.parse("2001-01-01T00:00:00Z"));
        jdbc.sql("UPDATE messages SET save_date = '2001-01-02T00:00:00Z' WHERE mailbox_id = ?").param(inbox.id()).update();
        mailboxes.create(account.id(), "Archive");
        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            assertThat(saveDate(command(client, "b", "FETCH 1 SAVEDATE"))).isEqualTo(Instant.parse("2001-01-02T00:00:00Z"));
            Instant before = Instant.now().minusSeconds(5);
            assertThat(command(client, "c", "COPY 1 Archive")).last().asString().startsWith("c OK");
            command(client, "d", "SELECT Archive");
            Instant copied = saveDate(command(client, "e", "FETCH 1 SAVEDATE"));
            assertThat(copied).isAfter(before);
            String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH));
            assertThat(command(client, "f", "SEARCH SAVEDON " + today)).contains("* SEARCH 1");
            assertThat(command(client, "g", "MOVE 1 INBOX")).last().asString().startsWith("g OK");
            command(client, "h", "SELECT INBOX");
            List<String> moved = command(client, "i", "UID FETCH 2 SAVEDATE");
            assertThat(saveDate(moved)).isAfterOrEqualTo(copied);
            // the original keeps its own save date
            assertThat(saveDate(command(client, "j", "UID FETCH 1 SAVEDATE"))).isEqualTo(Instant.parse("2001-01-02T00:00:00Z"));
        }
    }

    @Test
    void unknownSaveDateIsNilAndSearchedByInternalDate() throws Exception {
        Account account = account("savedate-legacy");
        Mailbox inbox = inbox(account);
        append(inbox, simpleMessage("a@example.test", "legacy", "legacy"), Instant.parse("2003-05-06T07:08:09Z"));
        append(inbox, simpleMessage("a@example.test", "recent", "recent"), Instant.parse("2003-05-06T07:08:09Z"));
        // as for a message stored before migration V41
        jdbc.sql("UPDATE messages SET save_date = NULL WHERE mailbox_id = ? AND uid = 1").param(inbox.id()).update();
        try (LineClient client = login(account)) {
            command(client, "a", "EXAMINE INBOX");
            assertThat(command(client, "b", "FETCH 1 SAVEDATE")).contains("* 1 FETCH (SAVEDATE NIL)");
            assertThat(command(client, "c", "SEARCH SAVEDON 6-May-2003")).contains("* SEARCH 1");
            assertThat(command(client, "d", "SEARCH SAVEDBEFORE 1-Jan-2010")).contains("* SEARCH 1");
            assertThat(command(client, "e", "SEARCH SAVEDSINCE 1-Jan-2010")).contains("* SEARCH 2");
            assertThat(command(client, "f", "SEARCH SAVEDATESUPPORTED")).contains("* SEARCH 1 2");
        }
    }

    private static Instant saveDate(List<String> lines) {
        for (String line : lines) {
            Matcher m = SAVEDATE.matcher(line);
            if (m.find()) {
                return ZonedDateTime.parse(m.group(1), IMAP_DATE).toInstant();
            }
        }
        throw new AssertionError("no SAVEDATE in " + lines);
    }
}
