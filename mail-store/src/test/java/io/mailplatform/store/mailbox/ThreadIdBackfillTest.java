package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V51 threads the messages stored before it, by the rule every later insert follows, in
 * the order they arrived: runs the real migrations up to V50, stores messages as the older code did,
 * then the rest.
 */
class ThreadIdBackfillTest {

    private static long content(JdbcClient jdbc, String messageId, String references) {
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        return jdbc.sql("""
                INSERT INTO message_contents (size, body_offset, raw, thread_message_id, thread_references, thread_reply)
                VALUES (?, 13, ?, ?, ?, false) RETURNING id""")
                .params(raw.length, raw, messageId, references).query(Long.class).single();
    }

    private static void message(JdbcClient jdbc, long mailbox, long uid, long content, String arrived) {
        jdbc.sql("""
                INSERT INTO messages (mailbox_id, uid, content_id, modseq, internal_date, size)
                VALUES (?, ?, ?, 1, ?, 19)""")
                .params(mailbox, uid, content, Timestamp.from(Instant.parse(arrived))).update();
    }

    private static long thread(JdbcClient jdbc, long mailbox, long uid) {
        return jdbc.sql("SELECT thread_id FROM messages WHERE mailbox_id = ? AND uid = ?").params(mailbox, uid)
                .query(Long.class).single();
    }

    @Test
    void threadsTheMessagesStoredBeforeIt() {
        DataSource dataSource = TestPostgres.newDatabase().dataSource();
        Flyway.configure().dataSource(dataSource).target("50").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long domain = jdbc.sql("INSERT INTO domains (name) VALUES ('old.test') RETURNING id").query(Long.class).single();
        long[] mailboxes = new long[3];
        for (int i = 0; i < 2; i++) {
            long account = jdbc.sql("INSERT INTO accounts (domain_id, address, password_hash) VALUES (?, ?, 'x') RETURNING id")
                    .params(domain, "u" + i + "@old.test").query(Long.class).single();
            mailboxes[i] = jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, 'INBOX') RETURNING id")
                    .param(account).query(Long.class).single();
            if (i == 0) {
                mailboxes[2] = jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, 'Sent') RETURNING id")
                        .param(account).query(Long.class).single();
            }
        }
        long root = content(jdbc, "root@x", "");
        long reply = content(jdbc, "reply@x", "root@x");
        long lateParent = content(jdbc, "parent@x", "");
        long child = content(jdbc, "child@x", "parent@x");
        long unrelated = content(jdbc, "alone@x", "");
        long unthreaded = content(jdbc, null, null); // stored before V34, never threaded since
        long inbox = mailboxes[0];
        long sent = mailboxes[2];
        long other = mailboxes[1];
        message(jdbc, inbox, 1, root, "2026-01-01T00:00:00Z");
        message(jdbc, sent, 1, reply, "2026-01-02T00:00:00Z");
        // UID order differs from arrival order: the child arrived first
        message(jdbc, inbox, 2, lateParent, "2026-01-04T00:00:00Z");
        message(jdbc, inbox, 3, child, "2026-01-03T00:00:00Z");
        message(jdbc, inbox, 4, unrelated, "2026-01-05T00:00:00Z");
        message(jdbc, inbox, 5, unthreaded, "2026-01-06T00:00:00Z");
        message(jdbc, inbox, 6, root, "2026-01-01T00:00:00Z"); // a copy
        message(jdbc, other, 1, reply, "2026-01-02T00:00:00Z"); // another account's copy of the reply

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(thread(jdbc, sent, 1)).isEqualTo(thread(jdbc, inbox, 1));
        assertThat(thread(jdbc, inbox, 6)).isEqualTo(thread(jdbc, inbox, 1));
        assertThat(thread(jdbc, inbox, 2)).isEqualTo(thread(jdbc, inbox, 3)).isNotEqualTo(thread(jdbc, inbox, 1));
        assertThat(thread(jdbc, inbox, 4)).isNotIn(thread(jdbc, inbox, 1), thread(jdbc, inbox, 2));
        assertThat(thread(jdbc, inbox, 5)).isEqualTo(unthreaded);
        // the other account has no root: its reply starts its own thread there
        assertThat(thread(jdbc, other, 1)).isEqualTo(reply);

        // new messages follow on: a reply to the old root joins it
        long late = content(jdbc, "late@x", "root@x reply@x");
        message(jdbc, inbox, 7, late, "2026-02-01T00:00:00Z");
        assertThat(thread(jdbc, inbox, 7)).isEqualTo(thread(jdbc, inbox, 1));
    }
}
