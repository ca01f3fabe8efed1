package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ContentTransferEncoding;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.mime.MalformedMessages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The summary columns written by append and deliver, and the bulk reads IMAP uses. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSummariesTest {
    @Autowired
    SearchIndexQueue searchIndex;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MessageSummaries summaries;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    Account alice;
    Account bob;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("summaries.test");
        alice = directory.createAccount("alice@summaries.test", "secret-a");
        bob = directory.createAccount("bob@summaries.test", "secret-b");
    }

    /** A multipart message whose only text is base64-encoded UTF-8. */
    static byte[] encodedMessage(String word) {
        String text = Base64.getMimeEncoder().encodeToString(("Grüße, the secret word is " + word + ".\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return ("From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.org>\r\n"
                + "To: Alice <alice@summaries.test>, undisclosed:;\r\n"
                + "Cc: carol@example.org\r\n"
                + "Subject: =?UTF-8?B?R3LDvMOfZQ==?= from afar\r\n"
                + "Date: Tue, 5 Mar 2024 10:00:00 +0100\r\n"
                + "Message-ID: <m1@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\n"
                + "--=_b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + text + "\r\n--=_b\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n--=_b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendStoresTheSummaryAndSearchColumns() {
        Mailbox box = mailboxes.create(alice.id(), "Summaries");
        byte[] raw = encodedMessage("zebracorn");
        AppendResult appended = mailboxes.append(box, raw, MessageFlags.NONE, Instant.now());

        Map<String, Object> row = jdbc.sql("""
                SELECT c.sent_date, c.subject, c.from_text, c.to_text, c.cc_text, c.bcc_text
                FROM messages m JOIN message_contents c ON c.id = m.content_id WHERE m.mailbox_id = ? AND m.uid = ?""")
                .params(box.id(), appended.uid()).query().singleRow();
        assertThat(((java.sql.Timestamp) row.get("sent_date")).toInstant()).isEqualTo(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(row.get("subject")).isEqualTo("Grüße from afar");
        assertThat(row.get("from_text")).isEqualTo("Jürgen <juergen@example.org>");
        assertThat(row.get("to_text")).isEqualTo("Alice <alice@summaries.test>, undisclosed:;");
        assertThat(row.get("cc_text")).isEqualTo("carol@example.org");
        assertThat(row.get("bcc_text")).isEqualTo("");

        MessageSummary stored = summaries.summary(box, appended.uid()).orElseThrow();
        assertThat(stored).isEqualTo(MessageSummaryParser.parse(raw).withoutSearchText());
        BodyPart text = stored.body().part(1);
        assertThat(text.encoding()).isEqualTo("base64");
        byte[] decoded = ContentTransferEncoding.of(text).orElseThrow().decode(raw, text.bodyOffset(), text.endOffset());
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("Grüße, the secret word is zebracorn.\r\n");
    }

    @Test
    void fullTextSearchFindsAWordOfABase64TextPart() {
        Mailbox box = mailboxes.create(alice.id(), "Search");
        mailboxes.append(box, encodedMessage("zebracorn"), MessageFlags.NONE, Instant.now());
        mailboxes.append(box, encodedMessage("unicorn"), MessageFlags.NONE, Instant.now());
        assertThat(search(box, "zebracorn")).containsExactly(1L);
        assertThat(search(box, "unicorn")).containsExactly(2L);
        assertThat(search(box, "grüße")).containsExactly(1L, 2L);
        assertThat(search(box, "jürgen")).containsExactly(1L, 2L);
        assertThat(search(box, "AAAA")).isEmpty(); // not a text part
    }

    private List<Long> search(Mailbox box, String words) {
        // messages a client appends get their vectors after the fact (V55); this reads the vectors themselves
        searchIndex.indexMailbox(box.id());
        return jdbc.sql("""
                SELECT m.uid FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND c.search_vector @@ plainto_tsquery('simple', ?) ORDER BY m.uid""")
                .params(box.id(), words).query(Long.class).list();
    }

    private static InboundMessage.LocalCopy copy(String recipient, Account account) {
        return new InboundMessage.LocalCopy(recipient, account.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null);
    }

    @Test
    void deliveryStoresTheSummaryOnceForAllRecipients() {
        byte[] raw = encodedMessage("delivered");
        List<BatchDeliveryResult.StoredCopy> results = delivery.deliver(List.of(new InboundMessage("ENV-SUMMARY", raw,
                Instant.now(), List.of(copy("alice@summaries.test", alice), copy("bob@summaries.test", bob)), List.of())))
                .stored();
        Mailbox aliceInbox = mailboxes.require(alice.id(), "INBOX");
        Mailbox bobInbox = mailboxes.require(bob.id(), "INBOX");
        MessageSummary expected = MessageSummaryParser.parse(raw).withoutSearchText();
        assertThat(summaries.summaries(aliceInbox, List.of(results.get(0).uid())).values()).containsExactly(expected);
        assertThat(summaries.envelopes(bobInbox, List.of(results.get(1).uid())).values())
                .containsExactly(expected.envelope());
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents WHERE search_vector @@ plainto_tsquery('simple', 'delivered')")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void readsAreScopedToTheMailboxAndKeepUidOrder() {
        Mailbox box = mailboxes.create(alice.id(), "Scoped");
        Mailbox other = mailboxes.create(bob.id(), "Scoped");
        for (int i = 0; i < 5; i++) {
            mailboxes.append(box, encodedMessage("w" + i), MessageFlags.NONE, Instant.now());
        }
        mailboxes.append(other, encodedMessage("other"), MessageFlags.NONE, Instant.now());
        Map<Long, MessageSummary> read = summaries.summaries(box, List.of(5L, 3L, 1L, 99L));
        assertThat(read.keySet()).containsExactly(1L, 3L, 5L);
        assertThat(summaries.summaries(other, List.of(2L, 3L))).isEmpty();
        assertThat(summaries.summaries(box, List.of())).isEmpty();
    }

    @Test
    void aMissingSummaryIsParsedAgainAndWrittenBackButANewerOneIsLeftAlone() {
        Mailbox box = mailboxes.create(alice.id(), "Legacy");
        byte[] raw = encodedMessage("legacy");
        AppendResult first = mailboxes.append(box, raw, MessageFlags.NONE, Instant.now());
        AppendResult second = mailboxes.append(box, raw, MessageFlags.NONE, Instant.now());
        long firstContent = contentId(box, first.uid());
        long secondContent = contentId(box, second.uid());
        jdbc.sql("UPDATE message_contents SET summary = NULL, search_vector = NULL WHERE id = ?").param(firstContent)
                .update();
        byte[] future = {(byte) 99, 1, 2, 3};
        jdbc.sql("UPDATE message_contents SET summary = ? WHERE id = ?").params(future, secondContent).update();

        MessageSummary expected = MessageSummaryParser.parse(raw).withoutSearchText();
        assertThat(summaries.summaries(box, List.of(first.uid(), second.uid())).values())
                .containsExactly(expected, expected);
        assertThat(jdbc.sql("SELECT summary IS NOT NULL AND search_vector @@ plainto_tsquery('simple', 'legacy') "
                + "FROM message_contents WHERE id = ?").param(firstContent).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT summary FROM message_contents WHERE id = ?").param(secondContent)
                .query(byte[].class).single()).isEqualTo(future);
    }

    @Test
    void everyMalformedMessageIsStoredByteExactWithItsSummary() {
        Mailbox box = mailboxes.create(alice.id(), "Malformed");
        List<MalformedMessages.Case> cases = MalformedMessages.all();
        List<Long> uids = new java.util.ArrayList<>();
        for (MalformedMessages.Case malformed : cases) {
            uids.add(mailboxes.append(box, malformed.content(), MessageFlags.NONE, Instant.now()).uid());
        }
        Map<Long, MessageSummary> read = summaries.summaries(box, uids);
        for (int i = 0; i < cases.size(); i++) {
            byte[] raw = cases.get(i).content();
            assertThat(mailboxes.content(box, uids.get(i)).orElseThrow()).as(cases.get(i).name()).isEqualTo(raw);
            assertThat(read.get(uids.get(i))).as(cases.get(i).name())
                    .isEqualTo(MessageSummaryParser.parse(raw).withoutSearchText());
        }
    }

    @Test
    void theLargestSearchTextFitsIntoATsvector() {
        // distinct short words are the worst case for tsvector size (limit 1 MiB): fill the whole cap with them
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < MessageSummaryParser.SEARCH_TEXT_LIMIT; i++) {
            text.append(Integer.toString(i, 36)).append(' ');
        }
        Mailbox box = mailboxes.create(alice.id(), "Words");
        mailboxes.append(box, ("Subject: words\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8), MessageFlags.NONE,
                Instant.now());
        assertThat(search(box, "zz")).containsExactly(1L);
    }

    private long contentId(Mailbox box, long uid) {
        return jdbc.sql("SELECT content_id FROM messages WHERE mailbox_id = ? AND uid = ?").params(box.id(), uid)
                .query(Long.class).single();
    }
}
