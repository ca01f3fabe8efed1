package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RFC 8970 PREVIEW beyond the transcript: the 256-character cap and white space, an HTML-only
 * message, a message without text, and a content stored before previews were kept (LAZY answers
 * NIL, PREVIEW computes it and stores it, then LAZY has it).
 */
class PreviewTest extends ImapTestSupport {
    @Autowired
    JdbcClient jdbc;

    @Test
    void capsWhiteSpaceHtmlAndNoText() throws Exception {
        Account account = account("preview-shapes");
        Mailbox inbox = inbox(account);
        String words = "word\t\t\n  ".repeat(100);
        append(inbox, "Subject: long\n\n" + words, Instant.now());
        append(inbox, "Subject: html\nContent-Type: text/html; charset=utf-8\n\n<html><head><title>t</title>"
                + "<style>p {color: red}</style></head><body><p>Caf&eacute;\n<b>menu</b></p></body></html>\n", Instant.now());
        append(inbox, "Subject: image\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n",
                Instant.now());
        try (LineClient client = login(account)) {
            command(client, "a", "EXAMINE INBOX");
            String expected = ("word ".repeat(52)).substring(0, 256);
            assertThat(command(client, "b", "FETCH 1 PREVIEW")).contains("* 1 FETCH (PREVIEW \"" + expected + "\")");
            assertThat(String.join("\n", command(client, "c", "FETCH 2 PREVIEW"))).contains("menu");
            assertThat(command(client, "d", "FETCH 3 PREVIEW")).contains("* 3 FETCH (PREVIEW \"\")");
        }
    }

    @Test
    void aContentStoredBeforePreviewsGetsOneWhenAskedWithoutLazy() throws Exception {
        Account account = account("preview-legacy");
        Mailbox inbox = inbox(account);
        append(inbox, "Subject: old\n\nStored   before\nV42.", Instant.now());
        jdbc.sql("UPDATE message_contents SET preview = NULL WHERE id = (SELECT content_id FROM messages WHERE mailbox_id = ?)")
                .param(inbox.id()).update();
        try (LineClient client = login(account)) {
            command(client, "a", "EXAMINE INBOX");
            assertThat(command(client, "b", "FETCH 1 (PREVIEW (LAZY))")).contains("* 1 FETCH (PREVIEW NIL)");
            assertThat(command(client, "c", "FETCH 1 (PREVIEW)")).contains("* 1 FETCH (PREVIEW \"Stored before V42.\")");
            assertThat(command(client, "d", "FETCH 1 (PREVIEW (LAZY))"))
                    .contains("* 1 FETCH (PREVIEW \"Stored before V42.\")");
        }
        assertThat(jdbc.sql("SELECT c.preview FROM messages m JOIN message_contents c ON c.id = m.content_id"
                + " WHERE m.mailbox_id = ?").param(inbox.id()).query(String.class).single()).isEqualTo("Stored before V42.");
    }
}
