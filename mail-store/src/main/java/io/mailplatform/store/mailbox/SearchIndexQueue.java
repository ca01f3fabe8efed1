package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the full-text vectors of contents stored without them ({@link SummaryColumns#withoutSearchText},
 * migration V55): a background job indexes what has waited {@link SearchIndexProperties#delay}, and a
 * full-text search indexes its mailbox's waiting contents first ({@link #indexMailbox}), so a search
 * never misses a message. Several instances may run at once: each job takes the rows no other has claimed.
 */
@Service
public class SearchIndexQueue implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexQueue.class);

    /** A claim older than this is an instance's that stopped before it finished. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SearchIndexProperties properties;
    private volatile ScheduledExecutorService job;

    public SearchIndexQueue(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            SearchIndexProperties properties) {
        this.jdbc = jdbc;
        // never a caller's (perhaps read-only) transaction: the vectors are written for good, at once
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
    }

    /**
     * Indexes the mailbox's contents that wait, now, whether or not the background job has claimed them
     * (the vectors are the same whoever writes them); returns how many. When none waits (the usual case)
     * this is one look-up in the small queue table.
     */
    public int indexMailbox(long mailboxId) {
        List<Long> waiting = jdbc.sql("""
                SELECT q.content_id FROM search_index_queue q JOIN messages m ON m.content_id = q.content_id
                WHERE m.mailbox_id = ?""")
                .param(mailboxId).query(Long.class).list();
        return waiting.isEmpty() ? 0 : index(waiting.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * One batch of the background job: claims what has waited long enough and no other instance has
     * claimed lately (a claim older than {@link #STALE_CLAIM} is an instance's that died), then indexes it.
     */
    public int indexWaiting() {
        long[] claimed = transactions.execute(status -> jdbc.sql("""
                UPDATE search_index_queue SET claimed_at = now() WHERE content_id IN (
                    SELECT content_id FROM search_index_queue
                    WHERE queued_at <= now() - ? * interval '1 millisecond'
                      AND (claimed_at IS NULL OR claimed_at < now() - ? * interval '1 millisecond')
                    ORDER BY queued_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING content_id""")
                .params(properties.delay().toMillis(), STALE_CLAIM.toMillis(), properties.batchSize())
                .query(Long.class).list().stream().mapToLong(Long::longValue).toArray());
        return claimed == null || claimed.length == 0 ? 0 : index(claimed);
    }

    /**
     * Computes the vectors of the contents and drops them from the queue, in one short statement at the
     * end: no lock is held while messages are parsed, so deleting an expunged content never waits for
     * it. A content deleted meanwhile is simply not updated.
     */
    private int index(long[] contentIds) {
        Integer done = transactions.execute(status -> indexInTransaction(contentIds));
        return done == null ? 0 : done;
    }

    private int indexInTransaction(long[] contentIds) {
        List<Waiting> contents = jdbc.sql("SELECT id, raw FROM message_contents WHERE id = ANY(?)").param(contentIds)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getBytes(2))).list();
        long[] ids = new long[contents.size()];
        String[] searchTexts = new String[ids.length];
        String[] headerTexts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            MessageSummary summary = MessageSummaryParser.parse(contents.get(i).raw());
            ids[i] = contents.get(i).id();
            searchTexts[i] = summary.searchText();
            headerTexts[i] = summary.headerText();
        }
        return jdbc.sql("""
                WITH indexed AS (
                    UPDATE message_contents c
                    SET search_vector = to_tsvector('simple', t.search), header_vector = to_tsvector('simple', t.header)
                    FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(id, search, header) WHERE c.id = t.id
                    RETURNING c.id)
                DELETE FROM search_index_queue WHERE content_id IN (SELECT id FROM indexed)""")
                .params(ids, searchTexts, headerTexts).update();
    }

    private record Waiting(long id, byte[] raw) {
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-index");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, properties.interval().toMillis());
        executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
        job = executor;
    }

    /** Batches until one is not full, so a backlog drains without waiting an interval per batch. */
    private void drain() {
        try {
            while (job != null && indexWaiting() >= properties.batchSize()) {
                // more waiting
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the rows stay queued for the next round
            log.warn("search indexing failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = job;
        job = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return job != null;
    }
}
