package io.mailplatform.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MailboxImport;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * SEARCH as the store runs it (RFC 9051 §6.4.4), for what the IMAP transcripts cannot reach: both
 * ways of matching TEXT and BODY (parts of words in smaller mailboxes, word beginnings through the
 * index in larger ones), and every writer of contents (APPEND, delivery, import) filling the date
 * as written and the header words.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSearchTest {
    private static final String HEADER_ONLY = """
            Date: Sun, 25 Mar 2007 00:30:00 +0200\r
            Subject: first\r
            X-Tracking: qwertyuiop\r
            X-Greeting: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from afar\r
            \r
            asdfghjkl\r
            """;
    private static final String MIME_HEADER = """
            Date: Sat, 24 Mar 2007 23:30:00 -0400\r
            Subject: second\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary=b\r
            \r
            --b\r
            Content-Type: text/plain\r
            Content-Description: the zxcvbnm notes\r
            \r
            hello qwertyuiop\r
            --b--\r
            """;

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MailboxImport importer;
    @Autowired
    MessageSearch search;
    @Autowired
    DirectoryService directory;

    private Account account;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("search.test");
        account = directory.createAccount("carol@search.test", "secret-c");
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private Mailbox appended(String name) {
        Mailbox box = mailboxes.create(account.id(), name);
        mailboxes.append(box, bytes(HEADER_ONLY), MessageFlags.NONE, Instant.now());
        mailboxes.append(box, bytes(MIME_HEADER), MessageFlags.NONE, Instant.now());
        return box;
    }

    private long[] text(Mailbox box, String words, boolean substrings) {
        return search.search(box, new SearchCriterion.FullText(words, false), substrings);
    }

    private long[] body(Mailbox box, String words, boolean substrings) {
        return search.search(box, new SearchCriterion.FullText(words, true), substrings);
    }

    @ParameterizedTest(name = "parts of words: {0}")
    @ValueSource(booleans = {true, false})
    void textFindsWordsOfEveryHeaderFieldAndBodyOnlyThoseOfTheBody(boolean substrings) {
        Mailbox box = appended("Text-" + substrings);
        assertThat(text(box, "qwertyuiop", substrings)).containsExactly(1, 2);
        assertThat(body(box, "qwertyuiop", substrings)).containsExactly(2);
        assertThat(text(box, "zxcvbnm", substrings)).containsExactly(2);
        assertThat(body(box, "zxcvbnm", substrings)).isEmpty();
        assertThat(text(box, "grüße", substrings)).containsExactly(1);
        assertThat(text(box, "x-tracking", substrings)).containsExactly(1);
        assertThat(body(box, "afar", substrings)).isEmpty();
        // the words of one key may be split between the header and the body
        assertThat(text(box, "asdfghjkl qwertyuiop", substrings)).containsExactly(1);
        assertThat(text(box, "asdfghjkl zxcvbnm", substrings)).isEmpty();
        assertThat(search.search(box, new SearchCriterion.Not(new SearchCriterion.FullText("afar", false)), substrings))
                .containsExactly(2);
        // beginnings of words always match, other parts only where the caller asks for them
        assertThat(text(box, "qwerty", substrings)).containsExactly(1, 2);
        assertThat(text(box, "wertyuio", substrings)).containsExactly(substrings ? new long[] {1, 2} : new long[0]);
    }

    @Test
    void sentDatesCompareTheDateAsWritten() {
        Mailbox box = appended("Dates");
        LocalDate march24 = LocalDate.parse("2007-03-24");
        LocalDate march25 = LocalDate.parse("2007-03-25");
        // message 1 was written on the 25th (22:30 UTC on the 24th), message 2 on the 24th (03:30 UTC on the 25th)
        assertThat(search.search(box, new SearchCriterion.SentDate(march25, march25.plusDays(1)))).containsExactly(1);
        assertThat(search.search(box, new SearchCriterion.SentDate(march24, march25))).containsExactly(2);
        assertThat(search.search(box, new SearchCriterion.SentDate(null, march25))).containsExactly(2);
        assertThat(search.search(box, new SearchCriterion.SentDate(march25, null))).containsExactly(1);
    }

    @Test
    void deliveryAndImportFillTheSameColumnsAsAppend() {
        Mailbox delivered = mailboxes.require(account.id(), Mailbox.INBOX);
        delivery.deliver(List.of(new InboundMessage("ENV-SEARCH", bytes(HEADER_ONLY), Instant.now(),
                List.of(new InboundMessage.LocalCopy("carol@search.test", account.id(), Mailbox.INBOX, null, MessageFlags.NONE,
                        null, null)), List.of())));
        Mailbox imported = mailboxes.create(account.id(), "Imported");
        importer.importMessages(imported, List.of(new MailboxImport.ImportedMessage(bytes(HEADER_ONLY), MessageFlags.NONE,
                Instant.now())));
        for (Mailbox box : List.of(delivered, imported)) {
            assertThat(text(box, "qwertyuiop", false)).as(box.name()).containsExactly(1);
            assertThat(text(box, "grüße", false)).as(box.name()).containsExactly(1);
            LocalDate march25 = LocalDate.parse("2007-03-25");
            assertThat(search.search(box, new SearchCriterion.SentDate(march25, march25.plusDays(1)))).as(box.name())
                    .containsExactly(1);
        }
    }
}
