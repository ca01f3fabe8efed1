package io.mailplatform.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.command.SequenceSet.Range;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence sets against a view (RFC 9051 §9 {@code seq-number}, {@code seq-range}, §6.4.9). */
class SelectedMailboxTest {
    private final SelectedMailbox view = new SelectedMailbox(new MessageIndex.Snapshot(
            new Mailbox(1, 1, "INBOX", 7, 20, 5, null, true), new long[] {3, 4, 9, 12, 15}, 0, 0, List.of()), false, -1);

    private long[] uids(SequenceSet set, boolean byUid) {
        return view.uidsOf(view.resolve(set, byUid));
    }

    @Test
    void messageNumbersAndStar() {
        assertThat(uids(SequenceSet.of(new Range(2, 4)), false)).containsExactly(4, 9, 12);
        assertThat(uids(SequenceSet.of(new Range(SequenceSet.STAR, 4)), false)).containsExactly(12, 15);
        assertThat(uids(new SequenceSet(List.of(Range.of(1), new Range(3, 2)), false), false)).containsExactly(3, 4, 9);
        assertThatThrownBy(() -> view.resolve(SequenceSet.of(Range.of(6)), false)).isInstanceOf(ImapSyntaxException.class);
        // a SEARCH criterion names what exists and ignores the rest
        assertThat(view.uidsOf(view.resolve(SequenceSet.of(new Range(4, 100)), false, false))).containsExactly(12, 15);
    }

    @Test
    void uidRangesIgnoreGapsAndStarIsTheLastUidWhateverTheOrder() {
        assertThat(uids(SequenceSet.of(new Range(5, 12)), true)).containsExactly(9, 12);
        assertThat(uids(SequenceSet.of(new Range(100, SequenceSet.STAR)), true)).containsExactly(15);
        assertThat(uids(SequenceSet.of(new Range(100, 200)), true)).isEmpty();
        assertThat(uids(SequenceSet.of(Range.of(10)), true)).isEmpty();
    }

    @Test
    void savedResultsAndUidRangesForTheStore() {
        view.saveSearch(new long[] {4, 12, 99});
        assertThat(uids(SequenceSet.saved(), false)).containsExactly(4, 12);
        assertThat(view.uidRanges(view.resolve(SequenceSet.of(new Range(1, 3), Range.of(5)), false)))
                .containsExactly(3, 9, 15, 15);
        assertThat(UidSets.format(new long[] {2, 10, 11, 12, 13, 14, 15, 21})).isEqualTo("2,10:15,21");
    }
}
