package io.mailplatform.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.core.thread.ThreadKeys;
import io.mailplatform.core.thread.ThreadMessage;
import io.mailplatform.core.thread.ThreadNode;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * THREAD's input as the store gives it (migration V34): every writer of contents stores the thread
 * keys, contents stored without them (before V34) get them at their first THREAD, once, and the
 * search criteria choose the messages.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageThreadTest {
    private static final String ROOT = "Message-ID: <r@thread.test>\r\nSubject: plan\r\n"
            + "Date: Thu, 1 Jan 2026 10:00:00 +0000\r\n\r\nx\r\n";
    private static final String REPLY = "Message-ID: <s@thread.test>\r\nIn-Reply-To: <r@thread.test>\r\n"
            + "Subject: Re: plan\r\nDate: Thu, 1 Jan 2026 11:00:00 +0000\r\n\r\nx\r\n";
    private static final String DEEP = "Message-ID: <\"t\"@thread.test>\r\nReferences: <r@thread.test>\r\n"
            + " <s@thread.test>\r\nSubject: Re: plan\r\n\r\nno Date: sent at its internal date\r\n";
    private static final Instant ARRIVED = Instant.parse("2026-01-02T00:00:00Z");

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
    @Autowired
    JdbcClient jdbc;

    private Account account;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("thread.test");
        account = directory.createAccount("threader@thread.test", "secret-t");
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private List<ThreadMessage> messages(Mailbox box) {
        return search.threadMessages(box, new SearchCriterion.All(), false);
    }

    private Map<String, Object> stored(Mailbox box, long uid) {
        return jdbc.sql("SELECT c.thread_message_id, c.thread_references, c.thread_reply FROM messages m"
                + " JOIN message_contents c ON c.id = m.content_id WHERE m.mailbox_id = ? AND m.uid = ?")
                .params(box.id(), uid).query().singleRow();
    }

    private void assertThreads(Mailbox box) {
        List<ThreadMessage> messages = messages(box);
        assertThat(messages).as(box.name()).containsExactly(
                new ThreadMessage(1, Instant.parse("2026-01-01T10:00:00Z"), "PLAN", new ThreadKeys("r@thread.test",
                        List.of(), false)),
                new ThreadMessage(2, Instant.parse("2026-01-01T11:00:00Z"), "PLAN", new ThreadKeys("s@thread.test",
                        List.of("r@thread.test"), true)),
                new ThreadMessage(3, ARRIVED, "PLAN", new ThreadKeys("t@thread.test",
                        List.of("r@thread.test", "s@thread.test"), true)));
        assertThat(ThreadNode.format(ThreadAlgorithm.REFERENCES.threads(messages))).isEqualTo("(1 2 3)");
        assertThat(ThreadNode.format(ThreadAlgorithm.ORDEREDSUBJECT.threads(messages))).isEqualTo("(1 (2)(3))");
    }

    @Test
    void everyWriterStoresTheKeys() {
        Mailbox appended = mailboxes.create(account.id(), "Appended");
        for (String message : List.of(ROOT, REPLY, DEEP)) {
            mailboxes.append(appended, bytes(message), MessageFlags.NONE, ARRIVED);
        }
        Mailbox delivered = mailboxes.require(account.id(), Mailbox.INBOX);
        for (String message : List.of(ROOT, REPLY, DEEP)) {
            delivery.deliver(List.of(new InboundMessage("ENV-THREAD-" + message.length(), bytes(message), ARRIVED,
                    List.of(new InboundMessage.LocalCopy("threader@thread.test", account.id(), Mailbox.INBOX, null,
                            MessageFlags.NONE, null, null)), List.of())));
        }
        for (Mailbox box : List.of(appended, delivered)) {
            assertThat(stored(box, 3)).as(box.name()).containsEntry("thread_message_id", "t@thread.test")
                    .containsEntry("thread_references", "r@thread.test s@thread.test").containsEntry("thread_reply", true);
            assertThat(stored(box, 1)).as(box.name()).containsEntry("thread_references", "")
                    .containsEntry("thread_reply", false);
            assertThreads(box);
        }
        // import stores them too (since V51: the message's THREADID is found from them as it is inserted)
        Mailbox imported = mailboxes.create(account.id(), "Imported");
        importer.importMessages(imported, List.of(ROOT, REPLY, DEEP).stream()
                .map(m -> new MailboxImport.ImportedMessage(bytes(m), MessageFlags.NONE, ARRIVED)).toList());
        assertThat(stored(imported, 2)).containsEntry("thread_message_id", "s@thread.test")
                .containsEntry("thread_references", "r@thread.test").containsEntry("thread_reply", true);
        assertThreads(imported);
    }

    @Test
    void contentsStoredWithoutKeysGetThemAtTheirFirstThread() {
        Mailbox box = mailboxes.create(account.id(), "Older");
        for (String message : List.of(ROOT, REPLY, DEEP)) {
            mailboxes.append(box, bytes(message), MessageFlags.NONE, ARRIVED);
        }
        // as stored before V34 (and the last one before V30 too)
        jdbc.sql("UPDATE message_contents c SET thread_message_id = NULL, thread_references = NULL, thread_reply = NULL"
                + " FROM messages m WHERE m.content_id = c.id AND m.mailbox_id = ?").param(box.id()).update();
        jdbc.sql("UPDATE message_contents c SET sort_subject = NULL FROM messages m"
                + " WHERE m.content_id = c.id AND m.mailbox_id = ? AND m.uid = 3").param(box.id()).update();
        assertThreads(box);
        assertThat(stored(box, 3)).containsEntry("thread_message_id", "t@thread.test")
                .containsEntry("thread_references", "r@thread.test s@thread.test").containsEntry("thread_reply", true);
    }

    @Test
    void theSearchCriteriaChooseTheMessages() {
        Mailbox box = mailboxes.create(account.id(), "Chosen");
        for (String message : List.of(ROOT, REPLY, DEEP)) {
            mailboxes.append(box, bytes(message), MessageFlags.NONE, ARRIVED);
        }
        List<ThreadMessage> replies = search.threadMessages(box, new SearchCriterion.Uids(new long[] {2, 3}), false);
        assertThat(replies).extracting(ThreadMessage::id).containsExactly(2L, 3L);
        // the absent parent is a dummy with one child: promoted, so 2 heads the thread
        assertThat(ThreadNode.format(ThreadAlgorithm.REFERENCES.threads(replies))).isEqualTo("(2 3)");
    }
}
