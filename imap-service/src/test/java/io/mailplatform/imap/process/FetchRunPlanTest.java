package io.mailplatform.imap.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.mailbox.MessageContents.Slice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one read-ahead window is cut: whole messages while they fit, the first one at least in part;
 * and what a message's head (octets read with its metadata) can answer.
 */
class FetchRunPlanTest {

    private static String plan(long budget, long[]... messages) {
        FetchRun.Plan plan = FetchRun.plan(List.of(messages), budget);
        StringBuilder taken = new StringBuilder();
        for (boolean read : plan.firstTaken()) {
            taken.append(read ? 'x' : '-');
        }
        return plan.messages() + " " + taken;
    }

    @Test
    void wholeMessagesWhileTheyFit() {
        assertThat(plan(100, new long[] {30, 10}, new long[] {40}, new long[] {20}, new long[] {5})).isEqualTo("3 xx");
        assertThat(plan(100, new long[] {30}, new long[] {70}, new long[] {1})).isEqualTo("2 x");
        assertThat(plan(100, new long[] {}, new long[] {}, new long[] {100})).isEqualTo("3 ");
    }

    @Test
    void aFirstMessageTooLargeAloneGetsWhatFitsTheRestLater() {
        assertThat(plan(100, new long[] {60, 50, 30, 10}, new long[] {1})).isEqualTo("1 x-xx");
        assertThat(plan(100, new long[] {200, 20})).isEqualTo("1 -x");
        assertThat(plan(100, new long[] {60, 50, 50})).isEqualTo("1 x--");
    }

    @Test
    void noMessagesNoWindow() {
        assertThat(plan(100)).isEqualTo("0 ");
    }

    private static String cut(String head, long size, long offset, long length) {
        byte[] cut = FetchRun.cut(head == null ? null : head.getBytes(StandardCharsets.US_ASCII), size,
                new Slice(1, offset, length));
        return cut == null ? null : new String(cut, StandardCharsets.US_ASCII);
    }

    @Test
    void aHeadAnswersTheSlicesItHoldsWhole() {
        // the whole message (10 octets) read with its metadata
        assertThat(cut("Subject:\r\n", 10, 0, 10)).isEqualTo("Subject:\r\n");
        assertThat(cut("Subject:\r\n", 10, 2, 3)).isEqualTo("bje");
        // past the end, as PostgreSQL cuts it: what is there, then nothing
        assertThat(cut("Subject:\r\n", 10, 8, 100)).isEqualTo("\r\n");
        assertThat(cut("Subject:\r\n", 10, 50, 5)).isEmpty();
    }

    @Test
    void aHeaderOnlyHeadAnswersNothingBeyondIt() {
        // the first 4 octets of a 10-octet message
        assertThat(cut("Subj", 10, 0, 4)).isEqualTo("Subj");
        assertThat(cut("Subj", 10, 0, 5)).isNull();
        assertThat(cut("Subj", 10, 4, 6)).isNull();
        assertThat(cut(null, 10, 0, 1)).isNull();
    }
}
