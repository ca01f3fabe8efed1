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
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SORT as the store runs it (RFC 5256): every writer of contents (APPEND, delivery, import) stores
 * the same sort keys, and contents stored without them (before migration V30) get them at their
 * first SORT, from the stored envelope or, lacking a summary, the message, with the same order.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSortTest {
    private static final String ZED = "From: Zed <zed@sort.test>\r\nSubject: Re: [list] lunch\r\n\r\nx\r\n";
    private static final String ADAM = "From: =?UTF-8?Q?=C3=84dam?= <adam@sort.test>\r\nSubject: Fwd: budget\r\n\r\nx\r\n";
    private static final String NOBODY = "Subject: [Fwd: Agenda]\r\n\r\nx\r\n";
    private static final String MARCH = "Date: Tue, 5 Mar 2024 10:00:00 +0100\r\nSubject: march\r\n\r\nx\r\n";
    private static final String JANUARY = "Date: Mon, 1 Jan 2024 23:30:00 -0500\r\nSubject: january\r\n\r\nx\r\n";
    private static final String UNDATED = "Subject: undated\r\n\r\nx\r\n";
    private static final List<SortCriterion> BY_DATE = List.of(new SortCriterion(SortCriterion.Key.DATE, false));
    private static final List<SortCriterion> BY_SUBJECT = List.of(new SortCriterion(SortCriterion.Key.SUBJECT, false));
    private static final List<SortCriterion> BY_FROM = List.of(new SortCriterion(SortCriterion.Key.FROM, false));
    private static final List<SortCriterion> BY_DISPLAY_FROM_REVERSED =
            List.of(new SortCriterion(SortCriterion.Key.DISPLAYFROM, true));

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MailboxImport importer;
    @Autowired
    MessageSearch search;
    @Autowired
    MessageSummaries summaries;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    private Account account;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("sort.test");
        account = directory.createAccount("sorter@sort.test", "secret-s");
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private long[] sort(Mailbox box, List<SortCriterion> order) {
        return search.sort(box, new SearchCriterion.All(), false, order);
    }

    private Map<String, Object> keys(Mailbox box, long uid) {
        return jdbc.sql("SELECT c.sort_subject, c.sort_from, c.sort_display_from, m.sort_subject AS copied_subject,"
                + " m.sort_display_from AS copied_display_from FROM messages m"
                + " JOIN message_contents c ON c.id = m.content_id WHERE m.mailbox_id = ? AND m.uid = ?")
                .params(box.id(), uid).query().singleRow();
    }

    private void assertOrders(Mailbox box) {
        // subjects LUNCH, BUDGET, AGENDA; mailboxes ZED, ADAM, none; display names zed, ädam, none
        assertThat(sort(box, BY_SUBJECT)).as(box.name()).containsExactly(3, 2, 1);
        assertThat(sort(box, BY_FROM)).as(box.name()).containsExactly(3, 2, 1);
        assertThat(sort(box, BY_DISPLAY_FROM_REVERSED)).as(box.name()).containsExactly(2, 1, 3);
    }

    @Test
    void everyWriterStoresTheSameKeys() {
        Mailbox appended = mailboxes.create(account.id(), "Appended");
        for (String message : List.of(ZED, ADAM, NOBODY)) {
            mailboxes.append(appended, bytes(message), MessageFlags.NONE, Instant.now());
        }
        Mailbox delivered = mailboxes.require(account.id(), Mailbox.INBOX);
        for (String message : List.of(ZED, ADAM, NOBODY)) {
            delivery.deliver(List.of(new InboundMessage("ENV-SORT-" + message.length(), bytes(message), Instant.now(),
                    List.of(new InboundMessage.LocalCopy("sorter@sort.test", account.id(), Mailbox.INBOX, null,
                            MessageFlags.NONE, null, null)), List.of())));
        }
        Mailbox imported = mailboxes.create(account.id(), "Imported");
        importer.importMessages(imported, List.of(ZED, ADAM, NOBODY).stream()
                .map(m -> new MailboxImport.ImportedMessage(bytes(m), MessageFlags.NONE, Instant.now())).toList());
        for (Mailbox box : List.of(appended, delivered, imported)) {
            assertThat(keys(box, 1)).as(box.name()).containsEntry("sort_subject", "LUNCH").containsEntry("sort_from", "ZED")
                    .containsEntry("sort_display_from", "zed");
            assertThat(keys(box, 2)).as(box.name()).containsEntry("sort_subject", "BUDGET").containsEntry("sort_from", "ADAM")
                    .containsEntry("sort_display_from", "ädam");
            assertThat(keys(box, 3)).as(box.name()).containsEntry("sort_subject", "AGENDA").containsEntry("sort_from", "")
                    .containsEntry("sort_display_from", "");
            for (long uid = 1; uid <= 3; uid++) {
                Map<String, Object> keys = keys(box, uid);
                assertThat(keys.get("copied_subject")).as(box.name() + " " + uid).isEqualTo(keys.get("sort_subject"));
                assertThat(keys.get("copied_display_from")).as(box.name() + " " + uid)
                        .isEqualTo(keys.get("sort_display_from"));
            }
            assertOrders(box);
        }
        // COPY and MOVE write new message rows of the same contents
        Mailbox copied = mailboxes.create(account.id(), "Copied");
        mailboxes.copy(appended, List.of(1L, 2L, 3L), copied);
        Mailbox moved = mailboxes.create(account.id(), "Moved");
        mailboxes.move(imported, List.of(1L, 2L, 3L), moved);
        for (Mailbox box : List.of(copied, moved)) {
            assertThat(keys(box, 2)).as(box.name()).containsEntry("copied_subject", "BUDGET")
                    .containsEntry("copied_display_from", "ädam");
            assertOrders(box);
        }
    }

    @Test
    void contentsStoredWithoutKeysGetThemAtTheirFirstSort() {
        Mailbox box = mailboxes.create(account.id(), "Older");
        for (String message : List.of(ZED, ADAM, NOBODY)) {
            mailboxes.append(box, bytes(message), MessageFlags.NONE, Instant.now());
        }
        // as stored before V30; the last one also before its summary existed
        jdbc.sql("UPDATE message_contents c SET sort_subject = NULL, sort_from = NULL, sort_to = NULL, sort_cc = NULL,"
                + " sort_display_from = NULL, sort_display_to = NULL FROM messages m"
                + " WHERE m.content_id = c.id AND m.mailbox_id = ?").param(box.id()).update();
        jdbc.sql("UPDATE messages SET sort_subject = NULL, sort_display_from = NULL WHERE mailbox_id = ?")
                .param(box.id()).update();
        jdbc.sql("UPDATE message_contents c SET summary = NULL FROM messages m"
                + " WHERE m.content_id = c.id AND m.mailbox_id = ? AND m.uid = 3").param(box.id()).update();
        assertThat(keys(box, 1).get("sort_subject")).isNull();

        assertOrders(box);
        assertThat(keys(box, 1)).containsEntry("sort_subject", "LUNCH").containsEntry("sort_from", "ZED");
        assertThat(keys(box, 3)).containsEntry("sort_subject", "AGENDA").containsEntry("sort_display_from", "")
                .containsEntry("copied_subject", "AGENDA").containsEntry("copied_display_from", "");
    }

    /** Each message's copy of its content's Date (V31), the DATE key that needs no content row. */
    private List<Map<String, Object>> dates(Mailbox box) {
        return jdbc.sql("SELECT m.uid, m.sent_date AS copied, c.sent_date AS original FROM messages m"
                + " JOIN message_contents c ON c.id = m.content_id WHERE m.mailbox_id = ? ORDER BY m.uid")
                .param(box.id()).query().listOfRows();
    }

    private void assertDates(Mailbox box) {
        List<Map<String, Object>> rows = dates(box);
        assertThat(rows).as(box.name()).hasSize(3);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("copied")).as(box.name() + " " + row.get("uid")).isEqualTo(row.get("original"));
        }
        assertThat(rows.get(0).get("copied")).as(box.name()).isNotNull();
        assertThat(rows.get(2).get("copied")).as(box.name()).isNull();
        // January before March; the undated one by its internal date (2026), last
        assertThat(sort(box, BY_DATE)).as(box.name()).containsExactly(2, 1, 3);
    }

    @Test
    void everyWriterOfMessagesCopiesTheDate() {
        List<String> messages = List.of(MARCH, JANUARY, UNDATED);
        Instant arrival = Instant.parse("2026-01-01T00:00:00Z");
        Mailbox appended = mailboxes.create(account.id(), "DatedAppended");
        for (String message : messages) {
            mailboxes.append(appended, bytes(message), MessageFlags.NONE, arrival);
        }
        Mailbox delivered = mailboxes.create(account.id(), "DatedDelivered");
        for (String message : messages) {
            delivery.deliver(List.of(new InboundMessage("ENV-DATE-" + message.length(), bytes(message), arrival,
                    List.of(new InboundMessage.LocalCopy("sorter@sort.test", account.id(), "DatedDelivered", null,
                            MessageFlags.NONE, null, null)), List.of())));
        }
        Mailbox imported = mailboxes.create(account.id(), "DatedImported");
        importer.importMessages(imported, messages.stream()
                .map(m -> new MailboxImport.ImportedMessage(bytes(m), MessageFlags.NONE, arrival)).toList());
        Mailbox copied = mailboxes.create(account.id(), "DatedCopied");
        mailboxes.copy(appended, List.of(1L, 2L, 3L), copied);
        Mailbox moved = mailboxes.create(account.id(), "DatedMoved");
        mailboxes.move(imported, List.of(1L, 2L, 3L), moved);
        for (Mailbox box : List.of(appended, delivered, copied, moved)) {
            assertDates(box);
        }
    }

    @Test
    void aContentParsedAgainGivesItsMessagesTheDate() {
        Mailbox box = mailboxes.create(account.id(), "DatedOlder");
        for (String message : List.of(MARCH, JANUARY, UNDATED)) {
            mailboxes.append(box, bytes(message), MessageFlags.NONE, Instant.parse("2026-01-01T00:00:00Z"));
        }
        // stored before its summary (V2) existed: no Date anywhere until the message is parsed again
        jdbc.sql("UPDATE message_contents c SET summary = NULL, sent_date = NULL FROM messages m"
                + " WHERE m.content_id = c.id AND m.mailbox_id = ? AND m.uid = 2").param(box.id()).update();
        jdbc.sql("UPDATE messages SET sent_date = NULL WHERE mailbox_id = ? AND uid = 2").param(box.id()).update();
        assertThat(sort(box, BY_DATE)).containsExactly(1, 2, 3);

        assertThat(summaries.summary(box, 2)).isPresent();
        assertDates(box);
    }
}
