package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessageSummaryParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cache's parts answer a head as PostgreSQL cuts it and merge what reads bring; entries of another
 * database epoch are never served; the cache stays within its bound.
 */
class ContentCacheTest {
    private static final byte[] RAW = "Subject: hi\r\nFrom: a@example.org\r\n\r\nHello there\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int BODY_OFFSET = 36;
    private static final byte[] PREFIX = "Received: by mx\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ContentCache.Epoch EPOCH = new ContentCache.Epoch(1_700_000_000_000_000L, 16384);

    private static ContentCache.Parts cached(ContentCache cache, byte[] octets, boolean whole) {
        assertThat(cache.get(7, EPOCH)).isNull();
        cache.remember(7, EPOCH, null, 0, octets, whole);
        return cache.get(7, EPOCH);
    }

    private static String text(byte[] octets) {
        return new String(octets, StandardCharsets.US_ASCII);
    }

    @Test
    void aHeaderAloneAnswersHeaderReadsOnly() {
        ContentCache.Parts parts = cached(new ContentCache(1 << 20), Arrays.copyOf(RAW, BODY_OFFSET), false);
        assertThat(parts.bodyOffset()).isEqualTo(BODY_OFFSET);
        assertThat(text(parts.head(new MessageSummaries.Head(true, 1000), null, RAW.length)))
                .isEqualTo("Subject: hi\r\nFrom: a@example.org\r\n\r\n");
        assertThat(text(parts.head(new MessageSummaries.Head(true, 1000), PREFIX, PREFIX.length + RAW.length)))
                .isEqualTo("Received: by mx\r\nSubject: hi\r\nFrom: a@example.org\r\n\r\n");
        // the bound counts the prefix too, as the query's octet_length(prefix) + body_offset does
        assertThat(parts.head(new MessageSummaries.Head(true, BODY_OFFSET), PREFIX, PREFIX.length + RAW.length)).isNull();
        assertThat(parts.head(new MessageSummaries.Head(true, BODY_OFFSET), null, RAW.length)).isNotNull();
        assertThat(parts.head(new MessageSummaries.Head(false, 1000), null, RAW.length)).isSameAs(ContentCache.NONE);
        // too long for the bound: nothing to read, known or not
        assertThat(parts.head(new MessageSummaries.Head(false, 10), null, RAW.length)).isNull();
    }

    @Test
    void theWholeMessageAnswersBothAndAHeaderReadDoesNotReplaceIt() {
        ContentCache cache = new ContentCache(1 << 20);
        ContentCache.Parts parts = cached(cache, RAW, true);
        assertThat(parts.head(new MessageSummaries.Head(false, 1000), null, RAW.length)).isSameAs(RAW);
        assertThat(text(parts.head(new MessageSummaries.Head(false, 1000), PREFIX, PREFIX.length + RAW.length)))
                .isEqualTo(text(PREFIX) + text(RAW));
        assertThat(parts.head(new MessageSummaries.Head(false, RAW.length), PREFIX, PREFIX.length + RAW.length)).isNull();
        assertThat(text(parts.head(new MessageSummaries.Head(true, 1000), null, RAW.length)))
                .isEqualTo("Subject: hi\r\nFrom: a@example.org\r\n\r\n");

        cache.remember(7, EPOCH, MessageSummaryParser.parse(RAW), 100, Arrays.copyOf(RAW, BODY_OFFSET), false);
        ContentCache.Parts merged = cache.get(7, EPOCH);
        assertThat(merged.whole()).isTrue();
        assertThat(merged.octets()).isSameAs(RAW);
        assertThat(merged.summary().envelope().subject()).isEqualTo("hi");
    }

    @Test
    void entriesOfAnotherDatabaseEpochAreDroppedNotServed() {
        ContentCache cache = new ContentCache(1 << 20);
        cached(cache, RAW, true);
        ContentCache.Epoch restarted = new ContentCache.Epoch(EPOCH.serverStart() + 1, EPOCH.database());
        assertThat(cache.get(7, restarted)).isNull();
        // what a read of the old epoch brings after the switch is not kept either
        cache.remember(8, EPOCH, null, 0, RAW, true);
        assertThat(cache.get(8, restarted)).isNull();
        assertThat(cache.get(7, EPOCH)).isNull();
        assertThat(cache.get(7, EPOCH)).as("dropped at the switch, not only hidden").isNull();
        ContentCache.Epoch recreated = new ContentCache.Epoch(EPOCH.serverStart(), EPOCH.database() + 1);
        assertThat(cache.get(7, recreated)).isNull();
    }

    @Test
    void staysWithinItsBoundAndADisabledCacheHoldsNothing() {
        ContentCache cache = new ContentCache(4096);
        cache.get(0, EPOCH);
        for (long id = 0; id < 100; id++) {
            cache.remember(id, EPOCH, null, 0, new byte[500], true);
        }
        assertThat(cache.weightedSize()).isBetween(1L, 4096L);

        ContentCache disabled = ContentCache.disabled();
        assertThat(disabled.get(1, EPOCH)).isNull();
        disabled.remember(1, EPOCH, null, 0, RAW, true);
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.get(1, EPOCH)).isNull();
    }

    @Test
    void aWrittenContentIsKeptWholeUpToItsBoundThenByAHeaderNoLongerThanIt() {
        ContentCache cache = new ContentCache(1 << 20);
        cache.get(0, EPOCH);
        byte[] summary = MessageSummaryCodec.encode(MessageSummaryParser.parse(RAW).withoutSearchText());
        cache.written(1, EPOCH, summary, RAW);
        assertThat(cache.get(1, EPOCH).whole()).isTrue();
        assertThat(cache.get(1, EPOCH).octets()).isEqualTo(RAW);
        assertThat(cache.get(1, EPOCH).summary().envelope().subject()).isEqualTo("hi");

        byte[] longBody = Arrays.copyOf(RAW, ContentCache.WRITTEN_WHOLE_MAX + 1);
        Arrays.fill(longBody, RAW.length, longBody.length, (byte) 'x');
        cache.written(2, EPOCH, summary, longBody);
        assertThat(cache.get(2, EPOCH).whole()).isFalse();
        assertThat(cache.get(2, EPOCH).octets()).isEqualTo(Arrays.copyOf(RAW, BODY_OFFSET));

        // a "header" as long as the message (no empty line): only the summary is kept
        byte[] noBody = new byte[ContentCache.WRITTEN_WHOLE_MAX + 1];
        Arrays.fill(noBody, (byte) 'x');
        cache.written(3, EPOCH, summary, noBody);
        assertThat(cache.get(3, EPOCH).octets()).isNull();
        assertThat(cache.get(3, EPOCH).summary()).isNotNull();

        // written in another epoch than the cache's: not kept
        cache.written(4, new ContentCache.Epoch(EPOCH.serverStart() + 1, EPOCH.database()), summary, RAW);
        assertThat(cache.get(4, EPOCH)).isNull();
    }
}
