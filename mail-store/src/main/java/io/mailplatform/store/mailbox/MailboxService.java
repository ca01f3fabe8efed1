package io.mailplatform.store.mailbox;

import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.event.EventOrigin;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import io.mailplatform.store.mailbox.AccountLimitException.Limit;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mailbox service API every protocol uses: mailboxes, append, fetch, flags, copy, move and
 * expunge. Local delivery is {@link MailboxDelivery}'s.
 *
 * <p>UIDs and MODSEQs are allocated by {@code UPDATE mailboxes ... RETURNING} in the same
 * transaction as the write. The row lock that update takes is held until commit, so writers to one
 * mailbox commit in the order of their UIDs and a reader never sees UID n+1 without UID n. Several
 * mailboxes are always locked in id order, so concurrent deliveries cannot deadlock.
 *
 * <p>Callers pass {@link Mailbox} records obtained through the account-scoped look-ups here, which
 * is what keeps one account out of another's mail.
 *
 * <p>Keywords that APPEND and STORE introduce to an account are registered in
 * {@code account_keywords} and capped ({@code mail.store.limits.max-keywords}).
 */
@Service
public class MailboxService {
    private static final Logger log = LoggerFactory.getLogger(MailboxService.class);
    static final String META_COLUMNS = metaColumns("");

    /** The metadata columns of {@link #metaAfter}, of the {@code messages} row called {@code alias} (e.g. "m.") in a join. */
    static String metaColumns(String alias) {
        return "%1$suid, %1$scontent_id, %1$smodseq, %1$sflags, %1$skeywords, %1$sinternal_date, %1$ssize,"
                .formatted(alias) + " coalesce(octet_length(" + alias + "trace_prefix), 0), " + alias + "save_date, "
                + alias + "thread_id";
    }

    /** The statement of {@link #appendInOneStatement}, built once (formatting it per call showed in profiles). */
    private static final String APPEND = """
            WITH room AS (
                SELECT 1 FROM accounts WHERE id = ? AND quota_bytes IS NULL AND quota_messages IS NULL AND (SELECT count(*) FROM account_keywords
                    WHERE account_id = accounts.id AND keyword = ANY(?::text[])) = ?),
            content AS (
                INSERT INTO message_contents (size, body_offset, raw, %s)
                SELECT ?::int, ?::int, ?::bytea, %s FROM room
                RETURNING id, sent_date, thread_message_id, thread_references, sort_subject, sort_display_from),
            queued AS (
                INSERT INTO search_index_queue (content_id) SELECT id FROM content WHERE ?::boolean),
            allocation AS (
                UPDATE mailboxes m SET uid_next = m.uid_next + 1, highest_modseq = m.highest_modseq + 1,
                    recent_uid = CASE WHEN ?::boolean THEN m.uid_next ELSE m.recent_uid END
                FROM (SELECT id, recent_uid FROM mailboxes WHERE id = ? FOR UPDATE) old
                WHERE m.id = old.id AND EXISTS (SELECT 1 FROM content)
                RETURNING m.uid_next - 1 AS uid, m.highest_modseq, m.uid_validity, old.recent_uid),
            inserted AS (
                INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size,
                                      sent_date, thread_id, sort_subject, sort_display_from)
                SELECT ?, a.uid, c.id, a.highest_modseq, ?::smallint, ?::text[], ?::timestamptz, ?::int, c.sent_date,
                       thread_of(?, c.id, c.thread_message_id, c.thread_references), c.sort_subject, c.sort_display_from
                FROM allocation a, content c RETURNING uid)
            SELECT c.id, coalesce(a.uid, -1), a.highest_modseq, a.uid_validity, a.recent_uid, %s
            FROM content c LEFT JOIN allocation a ON true""".formatted(
            SummaryColumns.COLUMNS, SummaryColumns.TYPED_PLACEHOLDERS, ContentCache.Epoch.COLUMNS);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MailboxEventPublisher events;
    private final ContentCache cache;
    private final int maxKeywords;
    private final boolean deferIndexing;

    public MailboxService(JdbcClient jdbc, TransactionTemplate transactions, MailboxEventPublisher events,
            ContentCache cache, StoreProperties properties, SearchIndexProperties searchIndex) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.cache = cache;
        this.maxKeywords = properties.limits().maxKeywords();
        this.deferIndexing = searchIndex.deferred();
    }

    /** The summary columns of a message a client stores, its search vectors left to {@link SearchIndexQueue} if so configured. */
    private SummaryColumns summaryColumns(byte[] raw) {
        return deferIndexing ? SummaryColumns.withoutSearchText(raw) : SummaryColumns.of(raw);
    }

    // ---- mailboxes -------------------------------------------------------------------------

    public List<Mailbox> mailboxes(long accountId) {
        return jdbc.sql("SELECT * FROM mailboxes WHERE account_id = ? ORDER BY name").param(accountId)
                .query(MailboxService::mailbox).list();
    }

    /** Finds a mailbox by name; "INBOX" matches case-insensitively (RFC 9051 §5.1). */
    public Optional<Mailbox> find(long accountId, String name) {
        return jdbc.sql("SELECT * FROM mailboxes WHERE account_id = ? AND name = ?")
                .params(accountId, canonicalName(name)).query(MailboxService::mailbox).optional();
    }

    public Mailbox require(long accountId, String name) {
        return find(accountId, name).orElseThrow(() -> new MailboxNotFoundException(name));
    }

    /** Re-reads a mailbox's counters. */
    public Mailbox refresh(Mailbox mailbox) {
        return jdbc.sql("SELECT * FROM mailboxes WHERE id = ?").param(mailbox.id()).query(MailboxService::mailbox)
                .optional().orElseThrow(() -> new MailboxNotFoundException(mailbox.name()));
    }

    public Mailbox create(long accountId, String name) {
        String canonical = canonicalName(name);
        Mailbox created;
        try {
            created = jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, ?) RETURNING *")
                    .params(accountId, canonical).query(MailboxService::mailbox).single();
        } catch (DuplicateKeyException e) {
            throw new MailboxExistsException(canonical);
        }
        publish(MailboxEvent.Type.MAILBOX_CREATED, created, List.of());
        return created;
    }

    // ---- messages --------------------------------------------------------------------------

    /**
     * Appends a message; {@link OverQuotaException} when the account's quota has no room for it,
     * {@link AccountLimitException} when its keywords would be more than the account may have.
     */
    public AppendResult append(Mailbox mailbox, byte[] raw, MessageFlags flags, Instant internalDate) {
        return append(mailbox, raw, flags, internalDate, false);
    }

    /**
     * {@link #append}, also claiming the mailbox's \Recent messages up to the new one for the caller (an
     * IMAP4rev1 session that has the mailbox selected, RFC 3501 §2.3.2) in the same statement, as
     * {@link MessageIndex#claimRecent} would after it. The claim is made only when the append is one
     * statement ({@link AppendResult#recentAbove} is -1 otherwise: the caller claims as usual).
     */
    public AppendResult appendClaimingRecent(Mailbox mailbox, byte[] raw, MessageFlags flags, Instant internalDate) {
        return append(mailbox, raw, flags, internalDate, true);
    }

    private AppendResult append(Mailbox mailbox, byte[] raw, MessageFlags flags, Instant internalDate,
            boolean claimRecent) {
        SummaryColumns summary = summaryColumns(raw);
        AppendResult result = appendInOneStatement(mailbox, raw, summary, flags, internalDate, claimRecent).orElseGet(() -> transactions.execute(
                status -> appendInTransaction(mailbox, List.of(new NewMessage(raw, flags, internalDate)), List.of(summary)))
                .get(0));
        events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, mailbox.accountId(), mailbox.id(),
                mailbox.name(), result.modSeq(), List.of(result.uid()), EventOrigin.ID));
        return result;
    }

    /** A message to append: its octets, flags and internal date. */
    public record NewMessage(byte[] raw, MessageFlags flags, Instant internalDate) {
    }

    /**
     * Appends several messages atomically (IMAP MULTIAPPEND, RFC 3502): all of them, with consecutive
     * UIDs and one MODSEQ, or none ({@link OverQuotaException} when they do not fit together,
     * {@link AccountLimitException} as for {@link #append}).
     */
    public List<AppendResult> appendAll(Mailbox mailbox, List<NewMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no message to append");
        }
        List<SummaryColumns> summaries = messages.stream().map(m -> summaryColumns(m.raw())).toList();
        List<AppendResult> results = transactions.execute(status -> appendInTransaction(mailbox, messages, summaries));
        events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, mailbox.accountId(), mailbox.id(),
                mailbox.name(), results.get(0).modSeq(), results.stream().map(AppendResult::uid).toList(), EventOrigin.ID));
        return results;
    }

    /** Quota and keyword checks, then the contents and the messages, in the caller's transaction. */
    private List<AppendResult> appendInTransaction(Mailbox mailbox, List<NewMessage> messages,
            List<SummaryColumns> summaries) {
        QuotaUsage.requireRoom(jdbc, mailbox.accountId(), messages.stream().mapToLong(m -> m.raw().length).sum(),
                messages.size());
        Set<String> keywords = new java.util.TreeSet<>();
        messages.forEach(m -> keywords.addAll(m.flags().keywords()));
        registerKeywords(mailbox.accountId(), keywords);
        long[] contentIds = new long[messages.size()];
        for (int i = 0; i < contentIds.length; i++) {
            contentIds[i] = insertContent(messages.get(i).raw(), summaries.get(i));
        }
        Allocation allocation = allocate(mailbox.id(), messages.size());
        List<AppendResult> results = new ArrayList<>(messages.size());
        for (int i = 0; i < contentIds.length; i++) {
            NewMessage message = messages.get(i);
            long uid = allocation.firstUid() + i;
            insertMessages(mailbox.id(), new long[] {uid}, contentIds[i], allocation.modSeq(), message.flags(),
                    message.internalDate(), message.raw().length, null);
            results.add(new AppendResult(mailbox.id(), allocation.uidValidity(), uid, allocation.modSeq()));
        }
        return results;
    }

    /**
     * APPEND as one statement, committed on its own, for the usual case: no keywords to register (the
     * statement checks that the account has them all) and no quota (storage or message) on the account
     * (empty otherwise; nothing is written then, and the caller takes the
     * transaction that checks them). The content, with its search vectors, is inserted before the
     * mailbox row is locked for the UID, so the lock is held only for the message row and the commit.
     * The thread ({@code thread_of}, V57, V58 and V60, the rule every writer's trigger applies) and the sort keys are
     * given here rather than left to the insert triggers: their PL/pgSQL cost a third of the statement.
     *
     * @throws MailboxNotFoundException if the mailbox was deleted meanwhile
     */
    private Optional<AppendResult> appendInOneStatement(Mailbox mailbox, byte[] raw, SummaryColumns summary,
            MessageFlags flags, Instant internalDate, boolean claimRecent) {
        String[] keywords = flags.keywords().stream().sorted().toArray(String[]::new);
        List<Object> params = new ArrayList<>(List.of(mailbox.accountId(), keywords, keywords.length, raw.length,
                HeaderSection.bodyOffset(raw)));
        params.add(raw);
        params.addAll(Arrays.asList(summary.parameters()));
        params.addAll(List.of(!summary.indexed(), claimRecent, mailbox.id(), mailbox.id(), (short) flags.system(), keywords,
                Timestamp.from(internalDate), raw.length, mailbox.accountId()));
        record Appended(long[] row, ContentCache.Epoch epoch) {
        }
        List<Appended> rows = jdbc.sql(APPEND)
                .params(params)
                .query((rs, n) -> new Appended(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)}, ContentCache.Epoch.read(rs, 6))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long[] row = rows.get(0).row();
        if (row[1] < 0) {
            collectContents(List.of(row[0]));
            throw new MailboxNotFoundException("#" + mailbox.id());
        }
        cache.written(row[0], rows.get(0).epoch(), summary.summary(), raw);
        // the new message's UID is above every earlier one, so the claim took the recent UID up to it
        return Optional.of(new AppendResult(mailbox.id(), row[3], row[1], row[2], claimRecent ? row[4] : -1));
    }

    /** The messages of a mailbox in UID order. */
    public List<MessageMeta> messages(Mailbox mailbox) {
        return jdbc.sql("SELECT " + META_COLUMNS + " FROM messages WHERE mailbox_id = ? ORDER BY uid")
                .param(mailbox.id()).query(MailboxService::meta).list();
    }

    /** Messages changed after {@code modSeq} (RFC 7162 CHANGEDSINCE), in UID order. */
    public List<MessageMeta> changedSince(Mailbox mailbox, long modSeq) {
        return jdbc.sql("SELECT " + META_COLUMNS + " FROM messages WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")
                .params(mailbox.id(), modSeq).query(MailboxService::meta).list();
    }

    public Optional<MessageMeta> message(Mailbox mailbox, long uid) {
        return jdbc.sql("SELECT " + META_COLUMNS + " FROM messages WHERE mailbox_id = ? AND uid = ?")
                .params(mailbox.id(), uid).query(MailboxService::meta).optional();
    }

    /** The full stored content of a message, exactly as delivered: its trace prefix, then the shared content. */
    public Optional<byte[]> content(Mailbox mailbox, long uid) {
        return jdbc.sql("""
                SELECT CASE WHEN m.trace_prefix IS NULL THEN c.raw ELSE m.trace_prefix || c.raw END
                FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND m.uid = ?""").params(mailbox.id(), uid).query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** The header section of a message (up to and including the blank line), trace prefix included. */
    public Optional<byte[]> header(Mailbox mailbox, long uid) {
        return jdbc.sql("""
                SELECT coalesce(m.trace_prefix, ''::bytea) || substring(c.raw FROM 1 FOR c.body_offset)
                FROM messages m JOIN message_contents c ON c.id = m.content_id
                WHERE m.mailbox_id = ? AND m.uid = ?""").params(mailbox.id(), uid).query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /**
     * Part of a message ({@code length} octets from {@code offset}, counted from the start of the trace
     * prefix), read without loading the rest: the octets that fall in the prefix come from it, the others
     * from a substring of the shared content.
     */
    public Optional<byte[]> contentRange(Mailbox mailbox, long uid, int offset, int length) {
        return jdbc.sql("""
                SELECT substring(p.prefix FROM :offset + 1 FOR :length)
                    || substring(c.raw FROM greatest(:offset - octet_length(p.prefix), 0) + 1
                                 FOR :length - least(:length, greatest(octet_length(p.prefix) - :offset, 0)))
                FROM messages m JOIN message_contents c ON c.id = m.content_id,
                     LATERAL (SELECT coalesce(m.trace_prefix, ''::bytea) AS prefix) p
                WHERE m.mailbox_id = :mailbox AND m.uid = :uid""")
                .param("offset", offset).param("length", length).param("mailbox", mailbox.id()).param("uid", uid)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    /**
     * What a flag change did.
     *
     * @param modSeq the MODSEQ the write took (0 if it took none: no message changed); a session whose
     *        view of the mailbox is at the MODSEQ just before it knows that nothing else changed meanwhile
     * @param changed the messages it changed, ascending UID, with their new flags and MODSEQ
     */
    public record FlagChange(long modSeq, List<MessageMeta> changed) {
        public FlagChange {
            changed = List.copyOf(changed);
        }
    }

    /**
     * Changes flags of the given UIDs. Only messages whose flags really change get the new MODSEQ.
     *
     * @return the changed messages with their new flags and MODSEQ
     * @throws AccountLimitException if keywords new to the account would be more than it may have
     */
    public List<MessageMeta> setFlags(Mailbox mailbox, Collection<Long> uids, FlagMode mode, MessageFlags flags) {
        return changeFlags(mailbox, uids, mode, flags).changed();
    }

    /** STORE's statement for each mode, built once (formatting it per STORE showed in profiles). */
    private static final Map<FlagMode, String> FLAG_UPDATES = flagUpdates();

    private static Map<FlagMode, String> flagUpdates() {
        Map<FlagMode, String> statements = new EnumMap<>(FlagMode.class);
        for (FlagMode mode : FlagMode.values()) {
            String flagsExpr = switch (mode) {
                case REPLACE -> ":flags";
                case ADD -> "flags | :flags";
                case REMOVE -> "flags & ~(:flags)::smallint";
            };
            String keywordsExpr = switch (mode) {
                case REPLACE -> ":keywords::text[]";
                case ADD -> "ARRAY(SELECT DISTINCT k FROM unnest(keywords || :keywords::text[]) k ORDER BY k)";
                case REMOVE -> "ARRAY(SELECT k FROM unnest(keywords) k WHERE k <> ALL(:keywords::text[]) ORDER BY k)";
            };
            // One statement in the usual case: keywords already registered to the account (checked by the
            // statement: if one is not, nothing changes and the statement runs again in a transaction
            // after registering it). The MODSEQ allocation (the mailbox row lock, see the class comment)
            // is an init plan of the update, so it runs before the first message row is locked, and the
            // lock is held only while the statement and its commit run. An update waiting for the lock
            // then sees the newest version of each row (READ COMMITTED re-evaluates updated rows). A STORE
            // that changes nothing in the statement's snapshot allocates no MODSEQ: it neither takes the lock
            // nor writes (no commit to flush), and the caller gets MODSEQ 0.
            statements.put(mode, """
                WITH known AS (
                    SELECT count(*) = cardinality(:registered::text[]) AS ok FROM account_keywords
                    WHERE account_id = :account AND keyword = ANY(:registered::text[])),
                allocation AS (
                    UPDATE mailboxes SET highest_modseq = highest_modseq + 1
                    WHERE id = :mailbox AND (SELECT ok FROM known) AND EXISTS (
                        SELECT 1 FROM messages WHERE mailbox_id = :mailbox AND uid = ANY(:uids) AND modseq <= :unchangedSince
                        AND (flags, keywords) IS DISTINCT FROM ((%1$s)::smallint, %2$s))
                    RETURNING highest_modseq),
                changed AS (
                    UPDATE messages SET flags = (%1$s)::smallint, keywords = %2$s,
                        modseq = (SELECT highest_modseq FROM allocation)
                    WHERE mailbox_id = :mailbox AND uid = ANY(:uids) AND EXISTS (SELECT 1 FROM allocation)
                    AND modseq <= :unchangedSince AND (flags, keywords) IS DISTINCT FROM ((%1$s)::smallint, %2$s) RETURNING %3$s)
                SELECT (SELECT ok FROM known), (SELECT highest_modseq FROM allocation), c.*
                FROM (SELECT 1) one LEFT JOIN changed c ON true"""
                    .formatted(flagsExpr, keywordsExpr, META_COLUMNS));
        }
        return statements;
    }

    /** {@link #setFlags}, with the MODSEQ the change took. */
    public FlagChange changeFlags(Mailbox mailbox, Collection<Long> uids, FlagMode mode, MessageFlags flags) {
        return changeFlags(mailbox, uids, mode, flags, Long.MAX_VALUE);
    }

    /**
     * {@link #changeFlags}, only for messages whose MODSEQ is at most {@code unchangedSince}
     * (RFC 7162 §3.1.3 UNCHANGEDSINCE): the condition is part of the update, so a message another
     * writer changed meanwhile is left alone (READ COMMITTED re-checks a row updated concurrently).
     */
    public FlagChange changeFlags(Mailbox mailbox, Collection<Long> uids, FlagMode mode, MessageFlags flags,
            long unchangedSince) {
        if (uids.isEmpty()) {
            return new FlagChange(0, List.of());
        }
        String[] keywords = flags.keywords().stream().sorted().toArray(String[]::new);
        String update = FLAG_UPDATES.get(mode);
        // removing keywords registers none
        String[] registered = mode == FlagMode.REMOVE ? new String[0] : keywords;
        Supplier<Optional<FlagChange>> run = () -> {
            List<MessageMeta> rows = new ArrayList<>();
            boolean[] known = {true};
            long[] modSeq = {0};
            jdbc.sql(update).param("registered", registered).param("account", mailbox.accountId())
                    .param("flags", (short) flags.system()).param("keywords", keywords).param("mailbox", mailbox.id())
                    .param("uids", toArray(uids)).param("unchangedSince", unchangedSince).query(rs -> {
                        known[0] &= rs.getBoolean(1);
                        modSeq[0] = rs.getLong(2);
                        if (rs.getObject(3) != null) {
                            rows.add(metaAfter(rs, 2));
                        }
                    });
            rows.sort(Comparator.comparingLong(MessageMeta::uid));
            return known[0] ? Optional.of(new FlagChange(modSeq[0], rows)) : Optional.empty();
        };
        FlagChange change = run.get().orElseGet(() -> transactions.execute(status -> {
            registerKeywords(mailbox.accountId(), flags.keywords());
            return run.get().orElseThrow();
        }));
        List<MessageMeta> changed = change.changed();
        if (!changed.isEmpty()) {
            events.publish(new MailboxEvent(MailboxEvent.Type.FLAGS_CHANGED, mailbox.accountId(), mailbox.id(),
                    mailbox.name(), changed.get(0).modSeq(), changed.stream().map(MessageMeta::uid).toList(),
                    EventOrigin.ID));
        }
        return change;
    }

    /**
     * Copies messages to another mailbox of the same account; content is shared, not duplicated,
     * but the copies count against the quota ({@link OverQuotaException}: nothing copied).
     */
    public CopyResult copy(Mailbox source, Collection<Long> uids, Mailbox target) {
        CopyResult result = transactions.execute(status -> {
            long[] added = jdbc.sql("SELECT coalesce(sum(size), 0), count(*) FROM messages WHERE mailbox_id = ? AND uid = ANY(?)")
                    .params(source.id(), toArray(uids)).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            QuotaUsage.requireRoom(jdbc, target.accountId(), added[0], added[1]);
            return copyInTransaction(source, uids, target);
        });
        if (!result.targetUids().isEmpty()) {
            events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, target.accountId(), target.id(),
                    target.name(), 0, result.targetUids(), EventOrigin.ID));
        }
        return result;
    }

    /** Moves messages (RFC 6851): copy and expunge from the source in one transaction. */
    public CopyResult move(Mailbox source, Collection<Long> uids, Mailbox target) {
        List<Long> contents = new ArrayList<>();
        CopyResult result = transactions.execute(status -> {
            List<Mailbox> order = source.id() < target.id() ? List.of(source, target) : List.of(target, source);
            for (Mailbox mailbox : order) {
                jdbc.sql("SELECT 1 FROM mailboxes WHERE id = ? FOR UPDATE").param(mailbox.id()).query().listOfRows();
            }
            CopyResult copied = copyInTransaction(source, uids, target);
            contents.addAll(removeInTransaction(source, copied.sourceUids(), false).contentIds());
            return copied;
        });
        collectContents(contents);
        if (!result.sourceUids().isEmpty()) {
            events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, target.accountId(), target.id(),
                    target.name(), 0, result.targetUids(), EventOrigin.ID));
            events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_EXPUNGED, source.accountId(), source.id(),
                    source.name(), 0, result.sourceUids(), EventOrigin.ID));
        }
        return result;
    }

    /**
     * Expunges messages flagged {@code \Deleted}: all of them, or only those among {@code uids}
     * (UID EXPUNGE) when uids is not null.
     *
     * @return the expunged UIDs in ascending order
     */
    public List<Long> expunge(Mailbox mailbox, Collection<Long> uids) {
        return remove(mailbox, uids, true).uids();
    }

    /**
     * {@link #expunge}, with the MODSEQ the expunge took.
     *
     * @return the MODSEQ (0 if none was taken) and the expunged UIDs in ascending order
     */
    public Expunge expungeMessages(Mailbox mailbox, Collection<Long> uids) {
        Removal removal = remove(mailbox, uids, true);
        return new Expunge(removal.modSeq(), removal.uids());
    }

    /** What an expunge did: the MODSEQ it took (0 if none) and the UIDs it expunged, ascending. */
    public record Expunge(long modSeq, List<Long> uids) {
        public Expunge {
            uids = List.copyOf(uids);
        }
    }

    /** Removes the given messages whatever their flags (POP3 DELE at QUIT). */
    public List<Long> delete(Mailbox mailbox, Collection<Long> uids) {
        return remove(mailbox, uids, false).uids();
    }

    private Removal remove(Mailbox mailbox, Collection<Long> uids, boolean onlyDeleted) {
        if (uids != null && uids.isEmpty()) {
            return new Removal(List.of(), List.of(), 0);
        }
        Removal removal = removeInOneStatement(mailbox, uids, onlyDeleted);
        collectContents(removal.contentIds());
        if (!removal.uids().isEmpty()) {
            events.publish(new MailboxEvent(MailboxEvent.Type.MESSAGES_EXPUNGED, mailbox.accountId(), mailbox.id(),
                    mailbox.name(), removal.modSeq(), removal.uids(), EventOrigin.ID));
        }
        return removal;
    }

    // ---- internals ---------------------------------------------------------------------------

    private record Allocation(long firstUid, long modSeq, long uidValidity) {
    }

    private record Removal(List<Long> uids, List<Long> contentIds, long modSeq) {
    }

    /**
     * Registers keywords the account has not used before, refusing them beyond the cap. Runs in the
     * caller's transaction before any mailbox row is locked; keywords already registered (the usual
     * case) cost one indexed read and no lock.
     */
    private void registerKeywords(long accountId, Set<String> keywords) {
        if (keywords.isEmpty()) {
            return;
        }
        String[] names = keywords.toArray(String[]::new);
        long known = jdbc.sql("SELECT count(*) FROM account_keywords WHERE account_id = ? AND keyword = ANY(?)")
                .params(accountId, names).query(Long.class).single();
        if (known == names.length) {
            return;
        }
        AccountLimits.lock(jdbc, accountId);
        int added = jdbc.sql("""
                INSERT INTO account_keywords (account_id, keyword) SELECT ?, k FROM unnest(?::text[]) k
                ON CONFLICT DO NOTHING""").params(accountId, names).update();
        if (added > 0) {
            AccountLimits.requireAtMost(jdbc, Limit.KEYWORDS, accountId, maxKeywords);
        }
    }

    /** Takes the mailbox row lock and allocates {@code count} UIDs and one MODSEQ. */
    private Allocation allocate(long mailboxId, int count) {
        return jdbc.sql("""
                UPDATE mailboxes SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1 WHERE id = ?
                RETURNING uid_next - ?, highest_modseq, uid_validity""")
                .params(count, mailboxId, count)
                .query((rs, n) -> new Allocation(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional().orElseThrow(() -> new MailboxNotFoundException("#" + mailboxId));
    }

    /** Stores the content with its summary columns, parsed once by the caller; queued for indexing without vectors. */
    private long insertContent(byte[] raw, SummaryColumns summary) {
        return jdbc.sql("WITH content AS (INSERT INTO message_contents (size, body_offset, raw, " + SummaryColumns.COLUMNS
                        + ") VALUES (?, ?, ?, " + SummaryColumns.PLACEHOLDERS + ") RETURNING id),"
                        + " queued AS (INSERT INTO search_index_queue (content_id) SELECT id FROM content WHERE ?::boolean)"
                        + " SELECT id FROM content")
                .params(raw.length, HeaderSection.bodyOffset(raw), raw).params(summary.parameters())
                .param(!summary.indexed()).query(Long.class).single();
    }

    private void insertMessages(long mailboxId, long[] uids, long contentId, long modSeq, MessageFlags flags,
            Instant internalDate, int size, byte[] tracePrefix) {
        jdbc.sql("""
                INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size, trace_prefix,
                                      sent_date)
                SELECT ?, u, c.id, ?, ?, ?, ?, ?, ?::bytea, c.sent_date
                FROM unnest(?::bigint[]) u, message_contents c WHERE c.id = ?""")
                .params(mailboxId, modSeq, (short) flags.system(),
                        flags.keywords().stream().sorted().toArray(String[]::new), Timestamp.from(internalDate), size,
                        tracePrefix, uids, contentId)
                .update();
    }

    private CopyResult copyInTransaction(Mailbox source, Collection<Long> uids, Mailbox target) {
        List<MessageMeta> sources = jdbc.sql("SELECT " + META_COLUMNS
                        + " FROM messages WHERE mailbox_id = ? AND uid = ANY(?) ORDER BY uid")
                .params(source.id(), toArray(uids)).query(MailboxService::meta).list();
        if (sources.isEmpty()) {
            return new CopyResult(target.uidValidity(), List.of(), List.of());
        }
        Allocation allocation = allocate(target.id(), sources.size());
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        long[] newUids = new long[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            newUids[i] = allocation.firstUid() + i;
            sourceUids.add(sources.get(i).uid());
            targetUids.add(newUids[i]);
        }
        // flags, keywords, dates and the thread (RFC 8474 §5.2) come from the source rows, joined by their old UID
        jdbc.sql("""
                INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size, trace_prefix,
                                      sent_date, thread_id)
                SELECT ?, n.new_uid, m.content_id, ?, m.flags, m.keywords, m.internal_date, m.size, m.trace_prefix,
                       m.sent_date, m.thread_id
                FROM unnest(?::bigint[], ?::bigint[]) AS n(old_uid, new_uid)
                JOIN messages m ON m.mailbox_id = ? AND m.uid = n.old_uid""")
                .params(target.id(), allocation.modSeq(), toArray(sourceUids), newUids, source.id()).update();
        return new CopyResult(allocation.uidValidity(), sourceUids, targetUids);
    }

    /** A content {@code c} that no deferred delivery and no queued outbound message refers to (besides messages). */
    private static final String NOT_QUEUED = "NOT EXISTS (SELECT 1 FROM deferred_deliveries d WHERE d.content_id = c.id)"
            + " AND NOT EXISTS (SELECT 1 FROM outbound_queue q WHERE q.content_id = c.id)";

    /**
     * EXPUNGE's statements, built once: [only \Deleted messages: +1] [only the given UIDs: +2] [deletes the
     * contents no message refers to any more: +4].
     */
    static final String[] REMOVALS = removals();

    private static String[] removals() {
        String[] statements = new String[8];
        for (int i = 0; i < statements.length; i++) {
            String condition = ((i & 1) != 0 ? " AND (flags & " + MessageFlags.DELETED + ") <> 0" : "")
                    + ((i & 2) != 0 ? " AND uid = ANY(:uids)" : "");
            // the statement's snapshot still shows the rows it deletes: a content goes when all the messages
            // that refer to it are among them. Counted per content through messages_content: an anti-join
            // excluding the removed rows was planned as a scan of the whole messages table per EXPUNGE. A
            // reference committed after the snapshot is caught by the foreign key at the statement's end.
            String collected = (i & 4) == 0 ? "" : """
                    ,
                    removed_references AS (
                        SELECT content_id, count(*) AS n FROM removed GROUP BY content_id),
                    collected AS (
                        DELETE FROM message_contents c USING removed_references r WHERE c.id = r.content_id
                        AND (SELECT count(*) FROM messages m WHERE m.content_id = c.id) = r.n
                        AND %s)""".formatted(NOT_QUEUED);
            statements[i] = """
                    WITH target AS (SELECT uid FROM messages WHERE mailbox_id = :mailbox%1$s),
                    allocation AS (
                        UPDATE mailboxes SET highest_modseq = highest_modseq + 1
                        WHERE id = :mailbox AND EXISTS (SELECT 1 FROM target) RETURNING highest_modseq),
                    removed AS (
                        DELETE FROM messages WHERE mailbox_id = :mailbox AND uid IN (SELECT uid FROM target)%1$s
                        AND EXISTS (SELECT 1 FROM allocation) RETURNING uid, content_id),
                    recorded AS (
                        INSERT INTO expunged_messages (mailbox_id, uid, modseq)
                        SELECT :mailbox, uid, (SELECT highest_modseq FROM allocation) FROM removed)%2$s
                    SELECT EXISTS (SELECT 1 FROM mailboxes WHERE id = :mailbox), coalesce((SELECT highest_modseq FROM allocation), 0),
                        r.uid, r.content_id
                    FROM (SELECT 1) one LEFT JOIN removed r ON true"""
                    .formatted(condition, collected);
        }
        return statements;
    }

    /**
     * Takes a MODSEQ, deletes and records the expunged UIDs and deletes the contents left without a
     * reference, in one statement committed on its own (one round trip); when nothing is to be removed it
     * writes nothing and takes no MODSEQ. The statement's snapshot is taken before the mailbox row's lock:
     * a message another session flags \Deleted while this one waits for the lock is left for the next
     * EXPUNGE (one whose flag is removed meanwhile is kept, the row being checked again once its writer
     * committed). If a concurrent COPY took a new reference to one of the contents meanwhile, the foreign
     * key refuses the statement: it runs again without the contents, which {@link #collectContents} then
     * leaves where they are referenced.
     *
     * @throws MailboxNotFoundException if the mailbox no longer exists
     */
    private Removal removeInOneStatement(Mailbox mailbox, Collection<Long> uids, boolean onlyDeleted) {
        int variant = (onlyDeleted ? 1 : 0) + (uids != null ? 2 : 0);
        try {
            Removal removal = removeWith(REMOVALS[variant + 4], mailbox, uids);
            return new Removal(removal.uids(), List.of(), removal.modSeq());
        } catch (DataIntegrityViolationException e) {
            log.debug("a content got a new reference during the expunge, collected separately: {}", e.getMessage());
            return removeWith(REMOVALS[variant], mailbox, uids);
        }
    }

    private Removal removeWith(String sql, Mailbox mailbox, Collection<Long> uids) {
        var statement = jdbc.sql(sql).param("mailbox", mailbox.id());
        if (uids != null) {
            statement = statement.param("uids", toArray(uids));
        }
        boolean[] exists = {false};
        long[] modSeq = {0};
        List<Long> removed = new ArrayList<>();
        List<Long> contents = new ArrayList<>();
        statement.query(rs -> {
            exists[0] = rs.getBoolean(1);
            modSeq[0] = rs.getLong(2);
            if (rs.getObject(3) != null) {
                removed.add(rs.getLong(3));
                contents.add(rs.getLong(4));
            }
        });
        if (!exists[0]) {
            throw new MailboxNotFoundException(mailbox.name());
        }
        removed.sort(null);
        return new Removal(removed, contents.stream().distinct().toList(), removed.isEmpty() ? 0 : modSeq[0]);
    }

    /**
     * Locks the mailbox row (taking the MODSEQ), then deletes and records the expunged UIDs in one
     * statement: a fresh snapshot after the lock, so a message flagged \Deleted by a writer that
     * committed before it is expunged too.
     */
    private Removal removeInTransaction(Mailbox mailbox, Collection<Long> uids, boolean onlyDeleted) {
        Allocation allocation = allocate(mailbox.id(), 0);
        StringBuilder sql = new StringBuilder("WITH removed AS (DELETE FROM messages WHERE mailbox_id = ?");
        List<Object> params = new ArrayList<>(List.of(mailbox.id()));
        if (onlyDeleted) {
            sql.append(" AND (flags & ").append(MessageFlags.DELETED).append(") <> 0");
        }
        if (uids != null) {
            sql.append(" AND uid = ANY(?)");
            params.add(toArray(uids));
        }
        sql.append(" RETURNING uid, content_id), recorded AS (INSERT INTO expunged_messages (mailbox_id, uid, modseq)"
                + " SELECT ?, uid, ? FROM removed) SELECT uid, content_id FROM removed");
        params.add(mailbox.id());
        params.add(allocation.modSeq());
        List<long[]> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        List<Long> removed = rows.stream().map(r -> r[0]).sorted().toList();
        List<Long> contents = rows.stream().map(r -> r[1]).distinct().toList();
        return new Removal(removed, contents, allocation.modSeq());
    }

    /**
     * Deletes contents no message refers to any more. Runs after the expunge committed and in its
     * own transaction: if a concurrent COPY took a new reference meanwhile, the foreign key refuses
     * and the content simply stays.
     */
    void collectContents(List<Long> contentIds) {
        if (contentIds.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("""
                    DELETE FROM message_contents c WHERE c.id = ANY(?)
                    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.content_id = c.id)
                    AND %s""".formatted(NOT_QUEUED))
                    .param(toArray(contentIds)).update();
        } catch (DataIntegrityViolationException e) {
            log.debug("content still referenced, kept: {}", e.getMessage());
        }
    }

    /**
     * Deletes contents that nothing refers to any more (also used after deferred deliveries and by the
     * relay once a queued message is sent or bounced). Call after the commit that dropped the references.
     */
    public void collectOrphanContents(List<Long> contentIds) {
        collectContents(contentIds);
    }

    private void publish(MailboxEvent.Type type, Mailbox mailbox, List<Long> uids) {
        events.publish(new MailboxEvent(type, mailbox.accountId(), mailbox.id(), mailbox.name(),
                mailbox.highestModSeq(), uids, EventOrigin.ID));
    }

    /** INBOX is case-insensitive; every other name is kept as given. */
    static String canonicalName(String name) {
        return name.equalsIgnoreCase(Mailbox.INBOX) ? Mailbox.INBOX : name;
    }

    static long[] toArray(Collection<Long> values) {
        long[] array = new long[values.size()];
        int i = 0;
        for (Long value : values) {
            array[i++] = value;
        }
        return array;
    }

    /** A mailbox from a row of {@code mailboxes} (also read by the ACL queries of {@code store.acl}). */
    public static Mailbox mailbox(ResultSet rs, int row) throws SQLException {
        return new Mailbox(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"), rs.getLong("uid_validity"),
                rs.getLong("uid_next"), rs.getLong("highest_modseq"), rs.getString("special_use"),
                rs.getBoolean("subscribed"));
    }

    static MessageMeta meta(ResultSet rs, int row) throws SQLException {
        return metaAfter(rs, 0);
    }

    /** A message's metadata from the {@link #META_COLUMNS} that follow the first {@code skip} columns. */
    static MessageMeta metaAfter(ResultSet rs, int skip) throws SQLException {
        Array keywordArray = rs.getArray(skip + 5);
        String[] keywords = keywordArray == null ? new String[0] : (String[]) keywordArray.getArray();
        return new MessageMeta(rs.getLong(skip + 1), rs.getLong(skip + 2), rs.getLong(skip + 3),
                new MessageFlags(rs.getShort(skip + 4), Set.copyOf(Arrays.asList(keywords))),
                instantOrNull(rs, skip + 6), rs.getInt(skip + 7), rs.getInt(skip + 8),
                instantOrNull(rs, skip + 9), rs.getLong(skip + 10));
    }

    /** A timestamptz read as an OffsetDateTime: a Timestamp goes through a Calendar (which showed in FETCH profiles). */
    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
