package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MailboxImport;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A SEARCH that runs longer than mail.store.limits.search-timeout (50 ms here) is cancelled by
 * PostgreSQL: the client gets NO [LIMIT], "$" is left empty, and the session goes on. The search
 * is slow for real: header regular expressions and substring tests over the words of 4,000 messages
 * take several hundred milliseconds.
 */
class SearchTimeoutTest extends SmallLimitsTestSupport {
    private static final int COUNT = 4_000;

    @Autowired
    MailboxImport importer;

    private Account account;

    @BeforeAll
    void fill() throws Exception {
        account = account("search-timeout");
        List<MailboxImport.ImportedMessage> messages = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            StringBuilder text = new StringBuilder();
            for (int hop = 1; hop <= 25; hop++) {
                text.append("X-Trace-").append(hop).append(": hop ").append(hop).append(" via relay").append(hop)
                        .append(".example.org id ").append(Integer.toHexString((i * 31 + hop) * 2654435)).append("\r\n");
            }
            text.append("From: sender").append(i % 50).append("@example.org\r\nSubject: report ").append(i)
                    .append("\r\n\r\n");
            for (int word = 0; word < 60; word++) {
                text.append("w").append(Integer.toHexString((i * 61 + word) * 40503)).append(' ');
            }
            text.append("\r\n");
            messages.add(new MailboxImport.ImportedMessage(text.toString().getBytes(StandardCharsets.US_ASCII),
                    MessageFlags.NONE, Instant.parse("2026-11-01T00:00:00Z")));
        }
        importer.importMessages(inbox(account), messages);
    }

    @Test
    void aSearchThatTakesTooLongIsRefusedAndTheSessionGoesOn() throws Exception {
        try (LineClient client = login(account)) {
            assertThat(command(client, "s", "SELECT INBOX")).contains("* " + COUNT + " EXISTS");
            assertThat(command(client, "a", "UID SEARCH RETURN (SAVE) OR HEADER X-Missing needle TEXT needle"))
                    .containsExactly("a NO [LIMIT] The command took too long, narrow it");
            // the saved result of a failed SEARCH is empty (RFC 9051 §6.4.4.1)
            assertThat(command(client, "b", "UID FETCH $ (FLAGS)")).containsExactly("b OK UID FETCH completed");
            assertThat(command(client, "c", "FETCH 4000 (UID)")).containsExactly("* 4000 FETCH (UID 4000)",
                    "c OK FETCH completed");
            assertThat(command(client, "d", "NOOP")).containsExactly("d OK NOOP completed");
        }
    }
}
