package io.mailplatform.imap.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How one read-ahead window is cut: whole messages while they fit, the first one at least in part. */
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
}
