package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.event.MailboxEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a process knows of a mailbox's HIGHESTMODSEQ, and when it stops knowing it. */
class KnownModSeqsTest {
    private long now = 1_000_000_000L;
    private final KnownModSeqs known = new KnownModSeqs(() -> now);

    private static MailboxEvent event(MailboxEvent.Type type, long modSeq) {
        return new MailboxEvent(type, 1, 7, "INBOX", modSeq, List.of(3L), "elsewhere");
    }

    private void read(long highestModSeq) {
        known.confirm(7, known.version(7), highestModSeq);
    }

    @Test
    void nothingIsKnownBeforeAReadAndAReadIsGoodForTheTtl() {
        assertThat(known.unchangedSince(7, 5)).isFalse();
        read(5);
        assertThat(known.unchangedSince(7, 5)).isTrue();
        assertThat(known.unchangedSince(7, 4)).isFalse();
        assertThat(known.unchangedSince(8, 5)).isFalse();
        now += KnownModSeqs.TTL.toNanos();
        assertThat(known.unchangedSince(7, 5)).isFalse();
    }

    @Test
    void aWriteRightAfterTheKnownModSeqMovesItAndAGapForgetsIt() {
        read(5);
        known.written(event(MailboxEvent.Type.FLAGS_CHANGED, 6));
        assertThat(known.unchangedSince(7, 5)).isFalse();
        assertThat(known.unchangedSince(7, 6)).isTrue();
        // its echo from the event topic changes nothing
        known.written(event(MailboxEvent.Type.FLAGS_CHANGED, 6));
        assertThat(known.unchangedSince(7, 6)).isTrue();
        // 7 was taken by a write not seen here
        known.written(event(MailboxEvent.Type.MESSAGES_EXPUNGED, 8));
        assertThat(known.unchangedSince(7, 8)).isFalse();
        assertThat(known.unchangedSince(7, 6)).isFalse();
    }

    @Test
    void aMovedValueIsStillGoodOnlyUntilTheTtlOfTheRead() {
        read(5);
        now += KnownModSeqs.TTL.toNanos() - 1;
        known.written(event(MailboxEvent.Type.MESSAGES_ADDED, 6));
        assertThat(known.unchangedSince(7, 6)).isTrue();
        now += 1;
        assertThat(known.unchangedSince(7, 6)).isFalse();
    }

    @Test
    void changesWithoutAModSeqAndMailboxChangesForgetIt() {
        read(5);
        known.written(event(MailboxEvent.Type.MESSAGES_ADDED, 0));
        assertThat(known.unchangedSince(7, 5)).isFalse();
        read(5);
        known.written(event(MailboxEvent.Type.MAILBOX_DELETED, 6));
        assertThat(known.unchangedSince(7, 6)).isFalse();
        assertThat(known.unchangedSince(7, 5)).isFalse();
    }

    @Test
    void aReadAWriteOvertookDoesNotOverwriteWhatTheWriteSaid() {
        read(5);
        long version = known.version(7);
        // the read's snapshot was taken before the write of 6 committed
        known.written(event(MailboxEvent.Type.FLAGS_CHANGED, 6));
        known.confirm(7, version, 5);
        assertThat(known.unchangedSince(7, 5)).isFalse();
        assertThat(known.unchangedSince(7, 6)).isTrue();
    }

    @Test
    void aReadOfAForgottenMailboxDoesNotCountForItsNextEntry() {
        long version = known.version(7);
        for (long id = 100; id < 100 + KnownModSeqs.MAX_MAILBOXES; id++) {
            known.version(id);
        }
        known.confirm(7, version, 5);
        assertThat(known.unchangedSince(7, 5)).isFalse();
    }
}
