package io.mailplatform.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The \Recent ranges of a session: (low, high] claims, looked up, merged when they touch. */
class RecentRangesTest {
    private final RecentRanges recent = new RecentRanges();

    @Test
    void claimsRightAfterEachOtherBecomeOneRange() {
        for (long uid = 10; uid < 1_010; uid++) {
            recent.add(uid, uid + 1);
        }
        assertThat(recent.inclusiveRanges()).containsExactly(11, 1_010);
        assertThat(recent.contains(10)).isFalse();
        assertThat(recent.contains(11)).isTrue();
        assertThat(recent.contains(1_010)).isTrue();
        assertThat(recent.contains(1_011)).isFalse();
    }

    @Test
    void gapsStayGapsAndLookupsFindTheRightRange() {
        recent.add(0, 3);
        recent.add(5, 7);
        recent.add(9, 10);
        recent.add(3, 3);
        assertThat(recent.inclusiveRanges()).containsExactly(1, 3, 6, 7, 10, 10);
        assertThat(recent.contains(0)).isFalse();
        assertThat(recent.contains(3)).isTrue();
        assertThat(recent.contains(4)).isFalse();
        assertThat(recent.contains(5)).isFalse();
        assertThat(recent.contains(6)).isTrue();
        assertThat(recent.contains(8)).isFalse();
        assertThat(recent.contains(10)).isTrue();
        assertThat(recent.contains(11)).isFalse();
    }

    @Test
    void aClaimOutOfOrderIsSortedAndMerged() {
        recent.add(20, 30);
        recent.add(0, 5);
        recent.add(4, 21);
        assertThat(recent.inclusiveRanges()).containsExactly(1, 30);
        assertThat(recent.count(new UidList(new long[] {1, 5, 17, 30, 31}))).isEqualTo(4);
    }
}
