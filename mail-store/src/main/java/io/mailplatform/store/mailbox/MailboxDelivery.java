package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch delivery: many messages, each stored once for all its local recipients, in one transaction
 * with a small, constant number of statements per batch (multi-row inserts).
 *
 * <p>Idempotency: every copy first claims its (envelope id, recipient) row in {@code deliveries};
 * a copy whose row exists was handled by an earlier delivery of the same record and is skipped.
 * Quota: accounts with a quota (storage or message count) are locked (in id order, before any
 * mailbox) and a copy that does not fit either is deferred to {@code deferred_deliveries} instead of stored. Mailbox events are published
 * after the commit of the outermost transaction, so a caller may run this inside its own.
 */
@Service
public class MailboxDelivery {
    private static final String NO_KEYWORDS = "";
    private static final int CONTENT_ROWS_PER_INSERT = 100;
    private static final long CONTENT_OCTETS_PER_INSERT = 8L << 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MailboxService mailboxes;
    private final MailboxEventPublisher events;

    public MailboxDelivery(JdbcClient jdbc, TransactionTemplate transactions, MailboxService mailboxes,
            MailboxEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mailboxes = mailboxes;
        this.events = events;
    }

    /** Stores a batch of messages in one transaction (joining the caller's, if any). */
    public BatchDeliveryResult deliver(List<InboundMessage> messages) {
        return transactions.execute(status -> deliverInTransaction(messages));
    }

    private BatchDeliveryResult deliverInTransaction(List<InboundMessage> messages) {
        Set<String> claimed = claim(messages);
        List<InboundMessage> fresh = new ArrayList<>();
        int duplicates = 0;
        for (InboundMessage message : messages) {
            long copies = message.localCopies().stream().filter(c -> claimed.contains(key(message.envelopeId(), c.recipient())))
                    .count() + message.remoteCopies().stream()
                    .filter(c -> claimed.contains(key(message.envelopeId(), c.recipient()))).count();
            duplicates += message.localCopies().size() + message.remoteCopies().size() - (int) copies;
            if (copies > 0) {
                fresh.add(message);
            }
        }
        long[] contentIds = insertContents(fresh);
        List<Placement> placements = new ArrayList<>();
        List<Object[]> remoteRows = new ArrayList<>();
        List<BatchDeliveryResult.QueuedCopy> queued = new ArrayList<>();
        for (int m = 0; m < fresh.size(); m++) {
            InboundMessage message = fresh.get(m);
            long contentId = contentIds[m];
            for (InboundMessage.LocalCopy copy : message.localCopies()) {
                if (claimed.contains(key(message.envelopeId(), copy.recipient()))) {
                    placements.add(new Placement(message.envelopeId(), contentId, message.raw().length,
                            message.internalDate(), copy));
                }
            }
            for (InboundMessage.RemoteCopy copy : message.remoteCopies()) {
                if (claimed.contains(key(message.envelopeId(), copy.recipient()))) {
                    remoteRows.add(new Object[] {message.envelopeId(), copy.reversePath(), copy.recipient(), copy.domain(),
                            contentId, copy.envelope()});
                    queued.add(new BatchDeliveryResult.QueuedCopy(message.envelopeId(), copy.recipient()));
                }
            }
        }
        Placed placed = place(placements);
        defer(placed.overQuota());
        enqueue(remoteRows);
        List<BatchDeliveryResult.DeferredCopy> deferred = placed.overQuota().stream()
                .map(p -> new BatchDeliveryResult.DeferredCopy(p.envelopeId(), p.copy().recipient(), p.copy().accountId()))
                .toList();
        return new BatchDeliveryResult(placed.stored(), deferred, queued, duplicates);
    }

    /**
     * Retries deferred copies (locked by the caller's transaction): those that fit their quota now are
     * stored and their rows deleted.
     *
     * @return the copies that still do not fit
     */
    public List<DeferredDelivery> retry(List<DeferredDelivery> due) {
        return transactions.execute(status -> {
            Map<Placement, DeferredDelivery> byPlacement = new LinkedHashMap<>();
            for (DeferredDelivery d : due) {
                InboundMessage.LocalCopy copy = new InboundMessage.LocalCopy(d.recipient(), d.accountId(), d.mailboxName(),
                        d.tracePrefix(), d.flags(), d.quotaBytes(), d.envelope());
                byPlacement.put(new Placement(d.envelopeId(), d.contentId(), d.contentSize(), d.internalDate(), copy), d);
            }
            Placed placed = place(List.copyOf(byPlacement.keySet()));
            Set<Placement> over = new HashSet<>(placed.overQuota());
            List<DeferredDelivery> still = new ArrayList<>();
            List<Long> done = new ArrayList<>();
            byPlacement.forEach((placement, deferred) -> {
                if (over.contains(placement)) {
                    still.add(deferred);
                } else {
                    done.add(deferred.id());
                }
            });
            if (!done.isEmpty()) {
                jdbc.sql("DELETE FROM deferred_deliveries WHERE id = ANY(?)").param(longs(done)).update();
            }
            return still;
        });
    }

    // ---- steps -------------------------------------------------------------------------------

    /**
     * Stores the contents of a batch, each parsed once for its summary columns (as
     * {@link MailboxService#append} does), with ids drawn first and multi-row inserts of up to
     * {@value #CONTENT_ROWS_PER_INSERT} rows: a few statements per batch instead of one per message.
     */
    private long[] insertContents(List<InboundMessage> messages) {
        int n = messages.size();
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        List<Long> drawn = jdbc.sql("SELECT nextval(pg_get_serial_sequence('message_contents', 'id')) FROM generate_series(1, ?)")
                .param(n).query(Long.class).list();
        for (int i = 0; i < n; i++) {
            ids[i] = drawn.get(i);
        }
        String row = "(?, ?, ?, ?, " + SummaryColumns.PLACEHOLDERS + ")";
        int from = 0;
        while (from < n) {
            // at most 100 rows and about 8 MiB per statement, whichever comes first
            int to = from;
            long octets = 0;
            while (to < n && to - from < CONTENT_ROWS_PER_INSERT && (to == from || octets < CONTENT_OCTETS_PER_INSERT)) {
                octets += messages.get(to).raw().length;
                to++;
            }
            List<Object> parameters = new ArrayList<>((to - from) * 12);
            for (int i = from; i < to; i++) {
                byte[] raw = messages.get(i).raw();
                parameters.add(ids[i]);
                parameters.add(raw.length);
                parameters.add(HeaderSection.bodyOffset(raw));
                parameters.add(raw);
                parameters.addAll(Arrays.asList(SummaryColumns.of(raw).parameters()));
            }
            jdbc.sql("INSERT INTO message_contents (id, size, body_offset, raw, " + SummaryColumns.COLUMNS + ") VALUES "
                    + String.join(", ", Collections.nCopies(to - from, row))).params(parameters).update();
            from = to;
        }
        return ids;
    }

    /** Claims (envelope id, recipient) for every copy in one statement; returns the keys claimed now. */
    private Set<String> claim(List<InboundMessage> messages) {
        List<String> envelopeIds = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (InboundMessage message : messages) {
            for (InboundMessage.LocalCopy copy : message.localCopies()) {
                envelopeIds.add(message.envelopeId());
                recipients.add(copy.recipient());
            }
            for (InboundMessage.RemoteCopy copy : message.remoteCopies()) {
                envelopeIds.add(message.envelopeId());
                recipients.add(copy.recipient());
            }
        }
        if (envelopeIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO deliveries (envelope_id, recipient)
                        SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT DO NOTHING
                        RETURNING envelope_id, recipient""")
                .params(envelopeIds.toArray(String[]::new), recipients.toArray(String[]::new))
                .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list());
    }

    private record Placement(String envelopeId, long contentId, int contentSize, Instant internalDate,
            InboundMessage.LocalCopy copy) {
        int size() {
            return contentSize + (copy.tracePrefix() == null ? 0 : copy.tracePrefix().length);
        }
    }

    private record Placed(List<BatchDeliveryResult.StoredCopy> stored, List<Placement> overQuota) {
    }

    /** Quota check, UID/MODSEQ allocation and one multi-row insert of the mailbox entries. */
    private Placed place(List<Placement> placements) {
        if (placements.isEmpty()) {
            return new Placed(List.of(), List.of());
        }
        List<Placement> fitting = new ArrayList<>();
        List<Placement> overQuota = new ArrayList<>();
        // the storage quota travels with the copy; the message quota is read here, for the whole batch
        Map<Long, Long> messageLimits = QuotaUsage.messageLimits(jdbc,
                placements.stream().mapToLong(p -> p.copy().accountId()).distinct().toArray());
        Map<Long, QuotaUsage.Usage> usage = quotaUsage(placements, messageLimits);
        for (Placement p : placements) {
            long account = p.copy().accountId();
            QuotaUsage.Limits limits = new QuotaUsage.Limits(p.copy().quotaBytes(), messageLimits.get(account));
            if (!limits.none()) {
                QuotaUsage.Usage used = usage.getOrDefault(account, QuotaUsage.Usage.NONE);
                if (!limits.fit(used, p.size(), 1)) {
                    overQuota.add(p);
                    continue;
                }
                usage.put(account, used.plus(p.size(), 1));
            }
            fitting.add(p);
        }
        if (fitting.isEmpty()) {
            return new Placed(List.of(), overQuota);
        }
        Map<Placement, Mailbox> target = targetMailboxes(fitting);
        // lock in id order: concurrent batches to overlapping mailboxes never deadlock
        TreeMap<Long, Integer> counts = new TreeMap<>();
        Map<Long, Mailbox> byId = new HashMap<>();
        for (Placement p : fitting) {
            Mailbox mailbox = target.get(p);
            counts.merge(mailbox.id(), 1, Integer::sum);
            byId.put(mailbox.id(), mailbox);
        }
        long[] ids = counts.keySet().stream().mapToLong(Long::longValue).toArray();
        int[] sizes = counts.values().stream().mapToInt(Integer::intValue).toArray();
        jdbc.sql("SELECT id FROM mailboxes WHERE id = ANY(?) ORDER BY id FOR UPDATE").param(ids).query().listOfRows();
        Map<Long, long[]> next = new HashMap<>(); // mailbox -> {next uid, modseq}
        jdbc.sql("""
                UPDATE mailboxes m SET uid_next = m.uid_next + c.n, highest_modseq = m.highest_modseq + 1
                FROM unnest(?::bigint[], ?::int[]) AS c(id, n) WHERE m.id = c.id
                RETURNING m.id, m.uid_next - c.n, m.highest_modseq""").params(ids, sizes)
                .query((ResultSet rs, int n) -> next.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        int count = fitting.size();
        long[] mailboxIds = new long[count];
        long[] uids = new long[count];
        long[] contentIds = new long[count];
        long[] modSeqs = new long[count];
        short[] flags = new short[count];
        String[] keywords = new String[count];
        long[] dates = new long[count];
        int[] messageSizes = new int[count];
        byte[][] prefixes = new byte[count][];
        List<BatchDeliveryResult.StoredCopy> stored = new ArrayList<>(count);
        Map<Long, List<Long>> added = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Placement p = fitting.get(i);
            long mailboxId = target.get(p).id();
            long[] allocation = next.get(mailboxId);
            mailboxIds[i] = mailboxId;
            uids[i] = allocation[0]++;
            modSeqs[i] = allocation[1];
            contentIds[i] = p.contentId();
            MessageFlags f = p.copy().flags() == null ? MessageFlags.NONE : p.copy().flags();
            flags[i] = (short) f.system();
            keywords[i] = f.keywords().isEmpty() ? NO_KEYWORDS : String.join(" ", f.keywords().stream().sorted().toList());
            dates[i] = p.internalDate().toEpochMilli();
            messageSizes[i] = p.size();
            prefixes[i] = p.copy().tracePrefix();
            stored.add(new BatchDeliveryResult.StoredCopy(p.envelopeId(), p.copy().recipient(), mailboxId, uids[i], modSeqs[i]));
            added.computeIfAbsent(mailboxId, k -> new ArrayList<>()).add(uids[i]);
        }
        jdbc.sql("""
                INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size, trace_prefix,
                                      sent_date)
                SELECT r.mailbox_id, r.uid, r.content_id, r.modseq, r.flags,
                       CASE WHEN r.keywords = '' THEN '{}'::text[] ELSE string_to_array(r.keywords, ' ') END,
                       to_timestamp(r.date_ms / 1000.0), r.size, r.prefix,
                       (SELECT sent_date FROM message_contents WHERE id = r.content_id)
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::smallint[], ?::text[], ?::bigint[],
                            ?::int[], ?::bytea[])
                     AS r(mailbox_id, uid, content_id, modseq, flags, keywords, date_ms, size, prefix)""")
                .params(mailboxIds, uids, contentIds, modSeqs, flags, keywords, dates, messageSizes, prefixes).update();
        afterCommit(added, byId, next);
        return new Placed(stored, overQuota);
    }

    /** What the accounts with a quota hold, after locking those accounts in id order. */
    private Map<Long, QuotaUsage.Usage> quotaUsage(List<Placement> placements, Map<Long, Long> messageLimits) {
        long[] accounts = placements.stream()
                .filter(p -> p.copy().quotaBytes() != null || messageLimits.containsKey(p.copy().accountId()))
                .mapToLong(p -> p.copy().accountId()).distinct().sorted().toArray();
        return QuotaUsage.lockAndMeasure(jdbc, accounts);
    }

    /** The mailbox of each placement: the named one, or INBOX when the account has none of that name. */
    private Map<Placement, Mailbox> targetMailboxes(List<Placement> placements) {
        long[] accounts = placements.stream().mapToLong(p -> p.copy().accountId()).distinct().toArray();
        Set<String> names = new HashSet<>();
        names.add(Mailbox.INBOX);
        for (Placement p : placements) {
            names.add(MailboxService.canonicalName(p.copy().mailboxName()));
        }
        Map<String, Mailbox> found = new HashMap<>();
        jdbc.sql("SELECT * FROM mailboxes WHERE account_id = ANY(?) AND name = ANY(?)")
                .params(accounts, names.toArray(String[]::new))
                .query(MailboxService::mailbox).list()
                .forEach(m -> found.put(m.accountId() + "/" + m.name(), m));
        Map<Placement, Mailbox> target = new HashMap<>();
        for (Placement p : placements) {
            long account = p.copy().accountId();
            Mailbox mailbox = found.get(account + "/" + MailboxService.canonicalName(p.copy().mailboxName()));
            if (mailbox == null) {
                mailbox = found.get(account + "/" + Mailbox.INBOX);
            }
            if (mailbox == null) {
                throw new MailboxNotFoundException(p.copy().mailboxName());
            }
            target.put(p, mailbox);
        }
        return target;
    }

    private void defer(List<Placement> overQuota) {
        if (overQuota.isEmpty()) {
            return;
        }
        List<Placement> fresh = overQuota;
        int n = fresh.size();
        String[] envelopeIds = new String[n];
        String[] recipients = new String[n];
        long[] accounts = new long[n];
        String[] mailboxNames = new String[n];
        long[] contents = new long[n];
        byte[][] prefixes = new byte[n][];
        short[] flags = new short[n];
        String[] keywords = new String[n];
        long[] dates = new long[n];
        byte[][] envelopes = new byte[n][];
        for (int i = 0; i < n; i++) {
            Placement p = fresh.get(i);
            envelopeIds[i] = p.envelopeId();
            recipients[i] = p.copy().recipient();
            accounts[i] = p.copy().accountId();
            mailboxNames[i] = p.copy().mailboxName();
            contents[i] = p.contentId();
            prefixes[i] = p.copy().tracePrefix();
            flags[i] = (short) (p.copy().flags() == null ? 0 : p.copy().flags().system());
            keywords[i] = p.copy().flags() == null || p.copy().flags().keywords().isEmpty() ? NO_KEYWORDS
                    : String.join(" ", p.copy().flags().keywords().stream().sorted().toList());
            dates[i] = p.internalDate().toEpochMilli();
            envelopes[i] = p.copy().envelope() == null ? new byte[0] : p.copy().envelope();
        }
        // the first retry comes one minute later; the caller's retry schedule takes over from there
        jdbc.sql("""
                INSERT INTO deferred_deliveries (envelope_id, recipient, account_id, mailbox_name, content_id, trace_prefix,
                                                 flags, keywords, internal_date, envelope, next_attempt, last_error)
                SELECT r.e, r.r, r.a, r.m, r.c, r.p, r.f,
                       CASE WHEN r.k = '' THEN '{}'::text[] ELSE string_to_array(r.k, ' ') END,
                       to_timestamp(r.d / 1000.0), r.env, now() + interval '1 minute', '452 4.2.2 mailbox over quota'
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bytea[], ?::smallint[], ?::text[],
                            ?::bigint[], ?::bytea[]) AS r(e, r, a, m, c, p, f, k, d, env)
                ON CONFLICT (envelope_id, recipient) DO NOTHING""")
                .params(envelopeIds, recipients, accounts, mailboxNames, contents, prefixes, flags, keywords, dates, envelopes)
                .update();
    }

    private void enqueue(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] envelopeIds = new String[n];
        String[] reversePaths = new String[n];
        String[] recipients = new String[n];
        String[] domains = new String[n];
        long[] contents = new long[n];
        byte[][] envelopes = new byte[n][];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            envelopeIds[i] = (String) row[0];
            reversePaths[i] = (String) row[1];
            recipients[i] = (String) row[2];
            domains[i] = (String) row[3];
            contents[i] = (Long) row[4];
            envelopes[i] = (byte[]) row[5];
        }
        jdbc.sql("""
                INSERT INTO outbound_queue (envelope_id, reverse_path, recipient, domain, content_id, envelope)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bytea[])
                ON CONFLICT (envelope_id, recipient) DO NOTHING""")
                .params(envelopeIds, reversePaths, recipients, domains, contents, envelopes).update();
    }

    /** One MESSAGES_ADDED event per mailbox, published once the outermost transaction committed. */
    private void afterCommit(Map<Long, List<Long>> added, Map<Long, Mailbox> mailboxesById, Map<Long, long[]> allocations) {
        List<MailboxEvent> pending = new ArrayList<>();
        added.forEach((mailboxId, uids) -> {
            Mailbox mailbox = mailboxesById.get(mailboxId);
            pending.add(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, mailbox.accountId(), mailbox.id(),
                    mailbox.name(), allocations.get(mailboxId)[1], List.copyOf(uids), EventOrigin.ID));
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                pending.forEach(events::publish);
            }
        });
    }

    // ---- deferred copies ---------------------------------------------------------------------

    /**
     * Locks up to {@code limit} deferred copies that are due (other instances skip them), in the
     * caller's transaction.
     */
    public List<DeferredDelivery> lockDue(int limit) {
        return jdbc.sql("""
                SELECT d.id, d.envelope_id, d.recipient, d.account_id, a.quota_bytes, d.mailbox_name, d.content_id, c.size,
                       d.trace_prefix, d.flags, d.internal_date, d.envelope, d.created_at, d.attempts, d.last_error, d.keywords
                FROM deferred_deliveries d JOIN message_contents c ON c.id = d.content_id
                JOIN accounts a ON a.id = d.account_id
                WHERE d.next_attempt <= now() ORDER BY d.next_attempt LIMIT ?
                FOR UPDATE OF d SKIP LOCKED""").param(limit).query(MailboxDelivery::deferred).list();
    }

    /** Records a failed retry and when to try again. */
    public void reschedule(DeferredDelivery deferred, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE deferred_deliveries SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?")
                .params(Timestamp.from(nextAttempt), error, deferred.id()).update();
    }

    /** Gives a deferred copy up (after its DSN was produced); its content is collected if unused. */
    public void abandon(DeferredDelivery deferred) {
        jdbc.sql("DELETE FROM deferred_deliveries WHERE id = ?").param(deferred.id()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mailboxes.collectOrphanContents(List.of(deferred.contentId()));
            }
        });
    }

    /** The shared content of a deferred or queued copy (without any per-recipient prefix). */
    public java.util.Optional<byte[]> content(long contentId) {
        return jdbc.sql("SELECT raw FROM message_contents WHERE id = ?").param(contentId).query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    private static DeferredDelivery deferred(ResultSet rs, int row) throws SQLException {
        return new DeferredDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                (Long) rs.getObject(5), rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getBytes(9),
                new MessageFlags(rs.getShort(10), Set.of((String[]) rs.getArray(16).getArray())),
                rs.getTimestamp(11).toInstant(), rs.getBytes(12),
                rs.getTimestamp(13).toInstant(), rs.getInt(14), rs.getString(15));
    }

    private static String key(String envelopeId, String recipient) {
        return envelopeId + "\u0000" + recipient;
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
