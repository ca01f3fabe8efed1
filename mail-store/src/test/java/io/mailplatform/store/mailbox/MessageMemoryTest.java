package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.mailbox.MessageSummaries.Remembered;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a session remembers of its messages follows the changes it is told of, and never goes back. */
class MessageMemoryTest {
    private static final ContentCache.Epoch EPOCH = new ContentCache.Epoch(1, 2);
    private static final Instant SAVED = Instant.parse("2026-12-07T10:00:00Z");

    private final MessageMemory memory = new MessageMemory();

    private static MessageMeta meta(long uid, long modSeq, MessageFlags flags) {
        return new MessageMeta(uid, 100 + uid, modSeq, flags, Instant.EPOCH, 1_000, 40, SAVED, 7);
    }

    private static Remembered read(long uid, long modSeq, MessageFlags flags) {
        return new Remembered(meta(uid, modSeq, flags), new byte[40], EPOCH);
    }

    @Test
    void recallsOnlyWhenEveryMessageIsKnownInTheOrderAsked() {
        memory.remember(read(1, 5, MessageFlags.NONE));
        memory.remember(read(2, 6, MessageFlags.NONE));
        assertThat(memory.recall(new long[] {2, 1})).extracting(known -> known.meta().uid()).containsExactly(2L, 1L);
        assertThat(memory.recall(new long[] {1, 3})).isNull();
        assertThat(memory.recall(new long[0])).isEmpty();
    }

    @Test
    void aFlagChangeTakesFlagsAndModSeqAndKeepsTheRest() {
        memory.remember(read(1, 5, MessageFlags.NONE));
        MessageFlags flagged = new MessageFlags(MessageFlags.FLAGGED, Set.of("$Label1"));
        // a report may carry less than a read (no thread, no save date): only flags and MODSEQ are taken
        memory.changed(new MessageMeta(1, 101, 9, flagged, Instant.EPOCH, 1_000));
        MessageMeta known = memory.recall(new long[] {1}).get(0).meta();
        assertThat(known).isEqualTo(new MessageMeta(1, 101, 9, flagged, Instant.EPOCH, 1_000, 40, SAVED, 7));
    }

    @Test
    void olderNewsDoesNotReplaceNewer() {
        MessageFlags seen = new MessageFlags(MessageFlags.SEEN, Set.of());
        memory.remember(read(1, 9, seen));
        memory.changed(meta(1, 8, MessageFlags.NONE));
        memory.remember(read(1, 7, MessageFlags.NONE));
        assertThat(memory.recall(new long[] {1}).get(0).meta().flags()).isEqualTo(seen);
        assertThat(memory.recall(new long[] {1}).get(0).meta().modSeq()).isEqualTo(9);
    }

    @Test
    void aChangeOfAMessageNotReadIsNotRemembered() {
        memory.changed(meta(4, 9, MessageFlags.NONE));
        assertThat(memory.recall(new long[] {4})).isNull();
        assertThat(memory.size()).isZero();
    }

    @Test
    void anExpungedMessageIsForgotten() {
        memory.remember(read(1, 5, MessageFlags.NONE));
        memory.remember(read(2, 5, MessageFlags.NONE));
        memory.expunged(1);
        assertThat(memory.recall(new long[] {1})).isNull();
        assertThat(memory.recall(new long[] {2})).hasSize(1);
    }

    @Test
    void pastItsBoundItForgetsEverythingAndStartsAgain() {
        for (long uid = 1; uid <= MessageMemory.MAX_MESSAGES; uid++) {
            memory.remember(read(uid, 1, MessageFlags.NONE));
        }
        assertThat(memory.size()).isEqualTo(MessageMemory.MAX_MESSAGES);
        memory.remember(read(1, 2, MessageFlags.NONE)); // known already: no growth
        assertThat(memory.size()).isEqualTo(MessageMemory.MAX_MESSAGES);
        memory.remember(read(MessageMemory.MAX_MESSAGES + 1, 1, MessageFlags.NONE));
        assertThat(memory.size()).isEqualTo(1);
        assertThat(memory.recall(new long[] {MessageMemory.MAX_MESSAGES + 1})).hasSize(1);
    }

    @Test
    void aRecallListIsNotAViewOfTheMemory() {
        memory.remember(read(1, 5, MessageFlags.NONE));
        List<Remembered> recalled = memory.recall(new long[] {1});
        memory.expunged(1);
        assertThat(recalled).hasSize(1);
    }
}
