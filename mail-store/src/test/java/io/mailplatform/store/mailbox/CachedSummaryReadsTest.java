package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.MessageSummaries.Head;
import io.mailplatform.store.mailbox.MessageSummaries.Summarized;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads through the content cache answer exactly what reads from the database answer, cold and warm, with
 * and without a trace prefix and at every bound, and never bring back a message expunged since. (The cache
 * is off in other tests: see RealInfrastructure's defaults.)
 */
@SpringBootTest(classes = StoreTestApplication.class, properties = "mail.store.content-cache=1MB")
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedSummaryReadsTest {
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MessageSummaries cached;
    @Autowired
    ContentCache cache;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    MessageSummaries uncached;
    Account erin;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("cached.test");
        erin = directory.createAccount("erin@cached.test", "secret-e");
        uncached = new MessageSummaries(jdbc);
    }

    private static byte[] message(String subject, int bodyLines) {
        return ("From: Carol <carol@example.org>\r\nTo: erin@cached.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@example.org>\r\n\r\n" + "Some body text.\r\n".repeat(bodyLines))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Three messages (UIDs 1-3, and 99 that does not exist); the second with a trace prefix, as delivery stores it. */
    private long[] fill(Mailbox box) {
        mailboxes.append(box, message("first", 1), MessageFlags.NONE, Instant.now());
        mailboxes.append(box, message("second", 3), MessageFlags.NONE, Instant.now());
        mailboxes.append(box, message("third", 40), MessageFlags.NONE, Instant.now());
        byte[] prefix = "Received: from mx.example.org by cached.test\r\n".getBytes(StandardCharsets.US_ASCII);
        jdbc.sql("UPDATE messages SET trace_prefix = ?, size = size + ? WHERE mailbox_id = ? AND uid = 2")
                .params(prefix, prefix.length, box.id()).update();
        return new long[] {1, 2, 3, 99};
    }

    private static <T> void sameAs(List<Summarized<T>> read, List<Summarized<T>> expected) {
        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(read.get(i).meta()).isEqualTo(expected.get(i).meta());
            assertThat(read.get(i).summary()).usingRecursiveComparison().isEqualTo(expected.get(i).summary());
            assertThat(read.get(i).head()).isEqualTo(expected.get(i).head());
        }
    }

    private <T> void readTwiceLikeTheDatabase(Function<MessageSummaries, List<Summarized<T>>> read) {
        List<Summarized<T>> expected = read.apply(uncached);
        assertThat(expected).isNotEmpty();
        sameAs(read.apply(cached), expected);
        sameAs(read.apply(cached), expected);
    }

    @Test
    void everyKindOfReadMatchesTheDatabaseColdAndWarm() {
        Mailbox box = mailboxes.create(erin.id(), "Reads");
        long[] uids = fill(box);
        // headers first, then summaries, then whole messages: each read finds what the earlier ones left;
        // the bounds straddle the headers (about 105 octets, 46 more with the prefix) and the messages
        for (int bound : new int[] {10_000, 200, 151, 150, 100, 20}) {
            readTwiceLikeTheDatabase(s -> s.withHeads(box, uids, new Head(true, bound)));
        }
        readTwiceLikeTheDatabase(s -> s.withEnvelopes(box, uids));
        readTwiceLikeTheDatabase(s -> s.withSummaries(box, uids, new Head(true, 10_000)));
        for (int bound : new int[] {10_000, 400, 200, 20}) {
            readTwiceLikeTheDatabase(s -> s.withHeads(box, uids, new Head(false, bound)));
            readTwiceLikeTheDatabase(s -> s.withSummaries(box, uids, new Head(false, bound)));
        }
        readTwiceLikeTheDatabase(s -> s.withEnvelopes(box, new long[] {3, 1}, new Head(true, 10_000)));
        assertThat(cached.summaries(box, List.of(1L, 2L))).containsOnlyKeys(1L, 2L);

        MessageMeta first = mailboxes.message(box, 1).orElseThrow();
        assertThat(cache.weightedSize()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents WHERE id = ?").param(first.contentId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMessageExpungedAfterItsContentWasCachedIsNotReadAgain() {
        Mailbox box = mailboxes.create(erin.id(), "Gone");
        long[] uids = fill(box);
        assertThat(cached.withSummaries(box, uids, new Head(false, 10_000))).hasSize(3);
        mailboxes.setFlags(box, List.of(2L), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
        mailboxes.expunge(box, null);
        assertThat(cached.withSummaries(box, uids, new Head(false, 10_000)))
                .extracting(read -> read.meta().uid()).containsExactly(1L, 3L);
    }

    @Test
    void aMessageAppendedHereIsReadFromTheCacheWholeUpToItsBoundThenByItsHeader() {
        Mailbox box = mailboxes.create(erin.id(), "Appended");
        fill(box);
        cached.withHeads(box, new long[] {1}, new Head(true, 10_000)); // the cache learns the epoch
        byte[] small = message("small", 2);
        byte[] large = message("large", ContentCache.WRITTEN_WHOLE_MAX / 17 + 1);
        assertThat(large.length).isGreaterThan(ContentCache.WRITTEN_WHOLE_MAX);
        long smallUid = mailboxes.append(box, small, MessageFlags.NONE, Instant.now()).uid();
        long largeUid = mailboxes.append(box, large, MessageFlags.NONE, Instant.now()).uid();
        List<Summarized<MessageSummary>> expected = uncached.withSummaries(box, new long[] {smallUid, largeUid});
        // behind the cache's back: what it answers from now on did not come from the database
        jdbc.sql("UPDATE message_contents c SET raw = overlay(raw PLACING 'X'::bytea FROM 1), summary = NULL"
                + " FROM messages m WHERE m.content_id = c.id AND m.mailbox_id = ? AND m.uid IN (?, ?)")
                .params(box.id(), smallUid, largeUid).update();

        List<Summarized<MessageSummary>> read = cached.withSummaries(box, new long[] {smallUid, largeUid},
                new Head(true, 10_000));
        assertThat(read.get(0).summary()).usingRecursiveComparison().isEqualTo(expected.get(0).summary());
        assertThat(read.get(1).summary()).usingRecursiveComparison().isEqualTo(expected.get(1).summary());
        assertThat(read.get(0).head()).isEqualTo(Arrays.copyOf(small, HeaderSection.bodyOffset(small)));
        assertThat(read.get(1).head()).isEqualTo(Arrays.copyOf(large, HeaderSection.bodyOffset(large)));
        assertThat(cached.withHeads(box, new long[] {smallUid}, new Head(false, 1 << 20)).get(0).head())
                .isEqualTo(small);
        // the large one was remembered by its header only: its octets come from the database
        byte[] largeRead = cached.withHeads(box, new long[] {largeUid}, new Head(false, 1 << 20)).get(0).head();
        assertThat(largeRead[0]).isEqualTo((byte) 'X');
        assertThat(Arrays.copyOfRange(largeRead, 1, largeRead.length)).isEqualTo(Arrays.copyOfRange(large, 1, large.length));
    }

    /** Tells what it was told to remember, and recalls it while {@code answers}. */
    private static final class Recording implements MessageSummaries.Memory {
        final MessageMemory memory = new MessageMemory();
        final List<MessageSummaries.Remembered> told = new java.util.ArrayList<>();
        boolean answers = true;

        @Override
        public List<MessageSummaries.Remembered> recall(long[] uids) {
            return answers ? memory.recall(uids) : null;
        }

        @Override
        public void remember(MessageSummaries.Remembered read) {
            told.add(read);
            memory.remember(read);
        }
    }

    @Test
    void aMemoryIsToldWhatTheStoreGaveAndThenAnswersWithoutIt() {
        Mailbox box = mailboxes.create(erin.id(), "Remembered");
        long[] uids = fill(box);
        Recording memory = new Recording();
        List<Summarized<Void>> expected = uncached.withHeads(box, uids, new Head(false, 10_000));
        sameAs(cached.withHeads(box, uids, new Head(false, 10_000), memory), expected);
        assertThat(memory.told).extracting(known -> known.meta().uid()).containsExactly(1L, 2L, 3L);

        // behind the store's back (no MODSEQ): a read that asks the store sees it, one answered from memory does not
        jdbc.sql("UPDATE messages SET flags = flags | 4 WHERE mailbox_id = ?").param(box.id()).update();
        long[] known = {1, 2, 3};
        sameAs(cached.withHeads(box, known, new Head(false, 10_000), memory), expected);
        assertThat(memory.told).hasSize(3);
        assertThat(cached.withSummaries(box, known, new Head(true, 10_000), memory))
                .allSatisfy(read -> assertThat(read.meta().flags().system() & MessageFlags.FLAGGED).isZero())
                .allSatisfy(read -> assertThat(read.summary()).isNotNull());
        memory.answers = false;
        assertThat(cached.withHeads(box, known, new Head(false, 10_000), memory))
                .allSatisfy(read -> assertThat(read.meta().flags().system() & MessageFlags.FLAGGED).isNotZero());
        assertThat(memory.told).hasSize(6);
    }

    @Test
    void aRememberedMessageWhoseContentTheCacheDoesNotHoldIsReadFromTheStore() {
        Mailbox box = mailboxes.create(erin.id(), "Large");
        fill(box);
        cached.withHeads(box, new long[] {1}, new Head(true, 10_000)); // the cache learns the epoch
        // appended here but too large to be remembered whole: the cache holds its header only
        long large = mailboxes.append(box, message("large", ContentCache.WRITTEN_WHOLE_MAX / 17 + 1), MessageFlags.NONE,
                Instant.now()).uid();
        long[] uids = {1, large};
        Recording memory = new Recording();
        cached.withHeads(box, uids, new Head(true, 1 << 20), memory);
        assertThat(memory.told).hasSize(2);
        sameAs(cached.withHeads(box, uids, new Head(true, 1 << 20), memory),
                uncached.withHeads(box, uids, new Head(true, 1 << 20)));
        assertThat(memory.told).hasSize(2);
        sameAs(cached.withHeads(box, uids, new Head(false, 1 << 20), memory),
                uncached.withHeads(box, uids, new Head(false, 1 << 20)));
        assertThat(memory.told).hasSize(4);
    }

    @Test
    void aMemoryOfAnotherEpochIsNotAnsweredFromAndLeavesTheCacheAlone() {
        Mailbox box = mailboxes.create(erin.id(), "Epochs");
        long[] uids = fill(box);
        cached.withHeads(box, uids, new Head(true, 10_000));
        MessageMemory old = new MessageMemory();
        uncached.withHeads(box, uids, new Head(true, 10_000)).forEach(read -> old.remember(
                new MessageSummaries.Remembered(read.meta(), null, new ContentCache.Epoch(1, 1))));
        long sizeBefore = cache.weightedSize();
        Recording memory = new Recording();
        old.recall(new long[] {1, 2, 3}).forEach(memory.memory::remember);
        sameAs(cached.withHeads(box, new long[] {1, 2, 3}, new Head(true, 10_000), memory),
                uncached.withHeads(box, uids, new Head(true, 10_000)));
        assertThat(memory.told).hasSize(3);
        assertThat(cache.weightedSize()).isEqualTo(sizeBefore);
    }
}
