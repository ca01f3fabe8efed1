package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many writers append to one mailbox at once. UIDs must be unique and strictly increasing, and a
 * concurrent reader must never see a gap: UID n+1 is never visible before UID n, i.e. writers commit
 * in UID order.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class ConcurrentAppendTest {
    private static final int WRITERS = 8;
    private static final int PER_WRITER = 40;

    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentAppendsGetUniqueIncreasingUidsInCommitOrder() throws Exception {
        directory.createDomain("concurrent.test");
        Account account = directory.createAccount("writer@concurrent.test", "pw");
        Mailbox inbox = mailboxes.require(account.id(), "INBOX");
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> gaps = new ConcurrentLinkedQueue<>();
        Future<Integer> reader = pool.submit(() -> {
            int snapshots = 0;
            start.await();
            while (writing.get()) {
                List<Long> visible = jdbc.sql("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid")
                        .param(inbox.id()).query(Long.class).list();
                for (int i = 0; i < visible.size(); i++) {
                    if (visible.get(i) != i + 1) {
                        gaps.add("snapshot " + visible);
                        break;
                    }
                }
                snapshots++;
            }
            return snapshots;
        });
        List<Future<List<AppendResult>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                start.await();
                List<AppendResult> mine = new ArrayList<>();
                for (int i = 0; i < PER_WRITER; i++) {
                    mine.add(mailboxes.append(inbox, raw, MessageFlags.NONE, Instant.now()));
                }
                return mine;
            }));
        }
        start.countDown();
        List<AppendResult> all = new ArrayList<>();
        for (Future<List<AppendResult>> writer : writers) {
            List<AppendResult> mine = writer.get(120, TimeUnit.SECONDS);
            // each writer sees its own UIDs and MODSEQs increase
            for (int i = 1; i < mine.size(); i++) {
                assertThat(mine.get(i).uid()).isGreaterThan(mine.get(i - 1).uid());
                assertThat(mine.get(i).modSeq()).isGreaterThan(mine.get(i - 1).modSeq());
            }
            all.addAll(mine);
        }
        writing.set(false);
        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();

        assertThat(all).extracting(AppendResult::uid).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(rangeClosed(1, WRITERS * PER_WRITER));
        assertThat(all).extracting(AppendResult::modSeq).doesNotHaveDuplicates();
        List<MessageMeta> stored = mailboxes.messages(inbox);
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).modSeq()).as("MODSEQ follows UID order").isGreaterThan(stored.get(i - 1).modSeq());
        }
        assertThat(gaps).as("a reader saw a later UID before an earlier one committed").isEmpty();
        assertThat(mailboxes.refresh(inbox).uidNext()).isEqualTo(WRITERS * PER_WRITER + 1);
    }

    private static List<Long> rangeClosed(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            values.add(v);
        }
        return values;
    }
}
