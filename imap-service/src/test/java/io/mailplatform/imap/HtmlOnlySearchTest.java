package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEARCH BODY finds words of a message that has only an HTML part, where accented letters are
 * written as named character references ({@code &eacute;}), as many mailers write them.
 */
class HtmlOnlySearchTest extends ImapTestSupport {

    @Test
    void anAccentedWordWrittenAsNamedReferencesIsFound() throws Exception {
        Account account = account("html-only");
        long html = append(inbox(account), """
                From: chef@example.org
                Subject: menu
                Content-Type: text/html; charset=us-ascii

                <html><body><p>Cr&egrave;me br&ucirc;l&eacute;e&nbsp;et caf&eacute;</p></body></html>
                """, Instant.now());
        append(inbox(account), simpleMessage("other@example.org", "plain", "brulee without accents"), Instant.now());

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            assertThat(search(client, "b", "brûlée")).containsExactly("* SEARCH " + html, "b OK UID SEARCH completed");
            assertThat(search(client, "c", "crème")).containsExactly("* SEARCH " + html, "c OK UID SEARCH completed");
            assertThat(search(client, "d", "café")).containsExactly("* SEARCH " + html, "d OK UID SEARCH completed");
            // the references themselves are not words of the text
            assertThat(search(client, "e", "eacute")).containsExactly("* SEARCH", "e OK UID SEARCH completed");
        }
    }

    /** UID SEARCH CHARSET UTF-8 BODY with the word as a non-synchronizing literal (RFC 7888). */
    private static List<String> search(LineClient client, String tag, String word) throws IOException {
        byte[] octets = word.getBytes(StandardCharsets.UTF_8);
        client.write(tag + " UID SEARCH CHARSET UTF-8 BODY {" + octets.length + "+}\r\n");
        client.write(octets);
        client.write("\r\n");
        return client.readUntil(line -> line.startsWith(tag + " "));
    }
}
