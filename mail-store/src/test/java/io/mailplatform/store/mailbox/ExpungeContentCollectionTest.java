package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * EXPUNGE deletes the contents its messages leave without a reference in its own statement: those still
 * referenced elsewhere stay, and a reference taken while the expunge runs keeps the content without
 * failing the expunge.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpungeContentCollectionTest {
    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    Account dora;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("collect.test");
        dora = directory.createAccount("dora@collect.test", "secret-d");
    }

    private static byte[] message(String subject) {
        return ("From: carol@example.org\r\nSubject: " + subject + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private boolean contentExists(long contentId) {
        return jdbc.sql("SELECT count(*) FROM message_contents WHERE id = ?").param(contentId)
                .query(Long.class).single() == 1;
    }

    private void flagDeleted(Mailbox box, List<Long> uids) {
        mailboxes.setFlags(box, uids, FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
    }

    @Test
    void aContentCopiedToAnotherMailboxStaysUntilItsLastMessageIsExpunged() {
        Mailbox source = mailboxes.create(dora.id(), "Shared-Source");
        Mailbox target = mailboxes.create(dora.id(), "Shared-Target");
        mailboxes.append(source, message("shared"), MessageFlags.NONE, Instant.now());
        long content = mailboxes.message(source, 1).orElseThrow().contentId();
        mailboxes.copy(source, List.of(1L), target);

        flagDeleted(source, List.of(1L));
        assertThat(mailboxes.expunge(source, null)).containsExactly(1L);
        assertThat(contentExists(content)).isTrue();
        assertThat(mailboxes.message(target, 1).orElseThrow().contentId()).isEqualTo(content);

        flagDeleted(target, List.of(1L));
        assertThat(mailboxes.expunge(target, null)).containsExactly(1L);
        assertThat(contentExists(content)).isFalse();
    }

    @Test
    void copiesInOneMailboxExpungedTogetherTakeTheirContentAlong() {
        Mailbox box = mailboxes.create(dora.id(), "Twins");
        mailboxes.append(box, message("twin"), MessageFlags.NONE, Instant.now());
        long content = mailboxes.message(box, 1).orElseThrow().contentId();
        mailboxes.copy(box, List.of(1L), box);

        flagDeleted(box, List.of(1L));
        assertThat(mailboxes.expunge(box, null)).containsExactly(1L);
        assertThat(contentExists(content)).as("UID 2 still refers to it").isTrue();

        flagDeleted(box, List.of(2L));
        mailboxes.copy(box, List.of(2L), box);
        flagDeleted(box, List.of(3L));
        assertThat(mailboxes.expunge(box, null)).containsExactly(2L, 3L);
        assertThat(contentExists(content)).isFalse();
    }

    @Test
    void aReferenceCommittedWhileTheExpungeWaitsKeepsTheContentAndTheExpungeSucceeds() throws Exception {
        Mailbox source = mailboxes.create(dora.id(), "Race-Source");
        Mailbox other = mailboxes.create(dora.id(), "Race-Other");
        mailboxes.append(source, message("raced"), MessageFlags.NONE, Instant.now());
        MessageMeta meta = mailboxes.message(source, 1).orElseThrow();
        flagDeleted(source, List.of(1L));

        CompletableFuture<List<Long>> expunged;
        try (Connection copier = dataSource.getConnection()) {
            copier.setAutoCommit(false);
            // a COPY not committed yet: its foreign key check holds a share lock on the content row
            try (PreparedStatement insert = copier.prepareStatement("""
                    INSERT INTO messages (mailbox_id, uid, content_id, modseq, internal_date, size)
                    VALUES (?, 1, ?, 1, now(), ?)""")) {
                insert.setLong(1, other.id());
                insert.setLong(2, meta.contentId());
                insert.setLong(3, meta.size());
                insert.executeUpdate();
            }
            expunged = CompletableFuture.supplyAsync(() -> mailboxes.expunge(source, null));
            awaitExpungeWaitingForALock();
            copier.commit();
        }

        assertThat(expunged.get(30, TimeUnit.SECONDS)).containsExactly(1L);
        assertThat(mailboxes.messages(source)).isEmpty();
        assertThat(contentExists(meta.contentId())).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE content_id = ?").param(meta.contentId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aContentReferencedTwiceInOneMailboxStaysUntilBothMessagesAreExpunged() {
        Mailbox box = mailboxes.create(dora.id(), "Twice");
        mailboxes.append(box, message("twice"), MessageFlags.NONE, Instant.now());
        long content = mailboxes.message(box, 1).orElseThrow().contentId();
        mailboxes.copy(box, List.of(1L), box);
        assertThat(mailboxes.message(box, 2).orElseThrow().contentId()).isEqualTo(content);

        flagDeleted(box, List.of(1L));
        assertThat(mailboxes.expunge(box, null)).containsExactly(1L);
        assertThat(contentExists(content)).as("message 2 still refers to it").isTrue();

        flagDeleted(box, List.of(2L));
        assertThat(mailboxes.expunge(box, null)).containsExactly(2L);
        assertThat(contentExists(content)).isFalse();
    }

    /**
     * The expunge's statement must find the other references to a content through {@code messages_content},
     * whatever the size of {@code messages}: an anti-join was once planned (PostgreSQL 15, 10,000 messages of
     * twenty maildrops) as a scan of the whole table, run by every EXPUNGE that removed something.
     */
    @Test
    void theExpungeStatementReadsOtherReferencesThroughTheIndexNotTheWholeTable() throws Exception {
        Mailbox small = mailboxes.create(dora.id(), "Small");
        mailboxes.append(small, message("small"), MessageFlags.NONE, Instant.now());
        // other users' mail: twenty mailboxes of 500 messages, each with its own content
        for (int box = 0; box < 20; box++) {
            Mailbox other = mailboxes.create(dora.id(), "Other-" + box);
            jdbc.sql("""
                    WITH contents AS (
                        INSERT INTO message_contents (size, body_offset, raw)
                        SELECT c.size, c.body_offset, c.raw FROM message_contents c, generate_series(1, 500)
                        WHERE c.id = (SELECT content_id FROM messages WHERE mailbox_id = ? AND uid = 1)
                        RETURNING id)
                    INSERT INTO messages (mailbox_id, uid, content_id, modseq, internal_date, size, thread_id)
                    SELECT ?, row_number() OVER (), id, 1, now(), 40, 0 FROM contents""")
                    .params(small.id(), other.id()).update();
        }
        jdbc.sql("ANALYZE messages").update();
        jdbc.sql("ANALYZE message_contents").update();
        // EXPUNGE of \Deleted messages, contents collected: the statement as the store prepares it, generic plan
        String statement = MailboxService.REMOVALS[5].replace(":mailbox", "$1");
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = force_generic_plan");
            sql.execute("PREPARE expunge_plan(bigint) AS " + statement);
            try (var rows = sql.executeQuery("EXPLAIN (COSTS OFF) EXECUTE expunge_plan(" + small.id() + ")")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                sql.execute("DEALLOCATE expunge_plan");
                sql.execute("RESET plan_cache_mode");
            }
        }
        assertThat(plan.toString()).contains("messages_content").doesNotContain("Seq Scan on messages");
    }

    private void awaitExpungeWaitingForALock() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE '%collected AS%'""").query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the expunge never waited for the content row");
    }
}
