package io.mailplatform.imap.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.response.FetchValue;
import io.mailplatform.imap.response.ImapResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A large section goes out as {n} CRLF and exactly n octets, read and handed on one chunk at a time. */
class StreamedSectionEncodingTest {
    private static final int CHUNK = FetchEncoder.CHUNK;

    /** Records each buffer handed over, as one write. */
    private static final class RecordingSink implements ImapWriter.Sink {
        final List<byte[]> writes = new ArrayList<>();
        boolean connected = true;

        @Override
        public void write(ByteBuf bytes) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            writes.add(copy);
        }

        @Override
        public ByteBufAllocator alloc() {
            return UnpooledByteBufAllocator.DEFAULT;
        }

        @Override
        public boolean connected() {
            return connected;
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writes.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    /** Serves a byte array and records what was asked of it. */
    private static class ArraySource implements FetchValue.Octets {
        final byte[] content;
        final List<long[]> reads = new ArrayList<>();

        ArraySource(byte[] content) {
            this.content = content;
        }

        @Override
        public byte[] read(long offset, int length) {
            reads.add(new long[] {offset, length});
            return Arrays.copyOfRange(content, (int) offset, (int) offset + length);
        }
    }

    private static byte[] content(int length) {
        byte[] content = new byte[length];
        new SplittableRandom(7).nextBytes(content);
        return content;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void literalHeaderThenExactlyTheOctetsInChunks() {
        int length = 2 * CHUNK + 12_345;
        ArraySource source = new ArraySource(content(length));
        RecordingSink sink = new RecordingSink();
        ImapWriter writer = new ImapWriter(sink);

        new ResponseEncoders().encode(new ImapResponse.Fetch(3, List.of(new FetchValue.Uid(9),
                new FetchValue.StreamedSection("BODY[]", length, false, source))), writer);
        writer.flush();

        assertThat(sink.all()).isEqualTo(concat(ascii("* 3 FETCH (UID 9 BODY[] {" + length + "}\r\n"), source.content,
                ascii(")\r\n")));
        assertThat(source.reads).extracting(read -> read[0] + "+" + read[1])
                .containsExactly("0+" + CHUNK, CHUNK + "+" + CHUNK, 2 * CHUNK + "+12345");
        // the buffered text first, then each chunk as its own write: one chunk held at a time
        assertThat(sink.writes).hasSize(5);
        assertThat(sink.writes.get(0)).isEqualTo(ascii("* 3 FETCH (UID 9 BODY[] {" + length + "}\r\n"));
        assertThat(sink.writes.get(1)).hasSize(CHUNK);
        assertThat(sink.writes.get(3)).hasSize(12_345);
    }

    @Test
    void binaryIsStreamedAsLiteral8() {
        int length = CHUNK + 1;
        ArraySource source = new ArraySource(content(length));
        RecordingSink sink = new RecordingSink();
        ImapWriter writer = new ImapWriter(sink);

        new ResponseEncoders().encode(new ImapResponse.Fetch(1, List.of(
                new FetchValue.StreamedSection("BINARY[]<5>", length, true, source))), writer);
        writer.flush();

        assertThat(sink.all()).isEqualTo(concat(ascii("* 1 FETCH (BINARY[]<5> ~{" + length + "}\r\n"), source.content,
                ascii(")\r\n")));
    }

    @Test
    void aChunkThatCannotBeReadWholeCutsTheResponse() {
        int length = 3 * CHUNK;
        byte[] content = content(length);
        FetchValue.Octets expungedAfterOneChunk = (offset, wanted) -> offset == 0
                ? Arrays.copyOf(content, wanted) : null;
        FetchValue.Octets shortRead = (offset, wanted) -> Arrays.copyOfRange(content, (int) offset,
                (int) offset + (offset == 0 ? wanted : wanted - 1));

        for (FetchValue.Octets source : List.of(expungedAfterOneChunk, shortRead)) {
            RecordingSink sink = new RecordingSink();
            ImapWriter writer = new ImapWriter(sink);
            assertThatThrownBy(() -> new ResponseEncoders().encode(new ImapResponse.Fetch(1, List.of(
                    new FetchValue.StreamedSection("BODY[]", length, false, source))), writer))
                    .isInstanceOf(LiteralCutException.class);
            // the header and the first chunk went out, nothing of the failed one
            assertThat(sink.writes).hasSize(2);
            assertThat(sink.writes.get(1)).isEqualTo(Arrays.copyOf(content, CHUNK));
        }
    }

    @Test
    void stopsReadingOnceTheClientIsGone() {
        int length = 3 * CHUNK;
        RecordingSink sink = new RecordingSink();
        ArraySource source = new ArraySource(content(length)) {
            @Override
            public byte[] read(long offset, int wanted) {
                sink.connected = false;
                return super.read(offset, wanted);
            }
        };
        ImapWriter writer = new ImapWriter(sink);

        assertThatThrownBy(() -> new ResponseEncoders().encode(new ImapResponse.Fetch(1, List.of(
                new FetchValue.StreamedSection("BODY[]", length, false, source))), writer))
                .isInstanceOf(LiteralCutException.class);
        assertThat(source.reads).hasSize(1);
    }
}
