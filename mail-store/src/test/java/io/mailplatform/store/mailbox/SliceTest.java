package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.mailbox.MessageContents.Slice;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slices are map keys in FETCH: equal when message, offset and length are, whatever else. */
class SliceTest {

    @Test
    void equalSlicesFindEachOther() {
        Map<Slice, String> octets = new HashMap<>();
        octets.put(new Slice(7, 0, 512), "header");
        assertThat(octets).containsEntry(new Slice(7, 0, 512), "header");
        assertThat(new Slice(7, 0, 512)).hasSameHashCodeAs(new Slice(7, 0, 512));
    }

    @Test
    void slicesDifferingInAnyPartAreDifferent() {
        Slice slice = new Slice(7, 100, 512);
        assertThat(slice).isNotEqualTo(new Slice(8, 100, 512)).isNotEqualTo(new Slice(7, 101, 512))
                .isNotEqualTo(new Slice(7, 100, 513)).isNotEqualTo(null).isNotEqualTo("7 100 512");
        assertThat(slice).isEqualTo(slice);
    }
}
