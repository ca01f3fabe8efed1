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

/**
 * A large section goes out as {n} CRLF and exactly n octets, read and handed on one chunk at a
 * time, each only when the responder asks for the next piece; what follows in the response waits
 * behind it.
 */
class StreamedSectionEncodingTest {
    private static final int CHUNK = FetchEncoder.CHUNK;

    /**
     * Records each buffer handed over, as one write; like the channel responder, output written after
     * a deferred part queues until {@link #drain} has produced that part, a piece per step.
     */
    private static final class RecordingSink implements ImapWriter.Sink {
        final List<byte[]> writes = new ArrayList<>();
        final List<Object> queued = new ArrayList<>();
        boolean connected = true;
        int pieces;
        /** Where deferred parts write: straight to {@link #writes}. */
        private final ImapWriter direct = new ImapWriter(new ImapWriter.Sink() {
            @Override
            public void write(ByteBuf bytes) {
                record(bytes);
            }

            @Override
            public void defer(DeferredOutput output) {
                throw new IllegalStateException();
            }

            @Override
            public ByteBufAllocator alloc() {
                return RecordingSink.this.alloc();
            }

            @Override
            public boolean connected() {
                return RecordingSink.this.connected();
            }
        });

        @Override
        public void write(ByteBuf bytes) {
            if (!queued.isEmpty()) {
                queued.add(bytes);
                return;
            }
            record(bytes);
        }

        private void record(ByteBuf bytes) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            writes.add(copy);
        }

        @Override
        public void defer(DeferredOutput output) {
            queued.add(output);
        }

        /** Produces the deferred parts piece by piece, then what queued behind them. */
        void drain() {
            while (!queued.isEmpty()) {
                Object next = queued.get(0);
                if (next instanceof ByteBuf bytes) {
                    queued.remove(0);
                    record(bytes);
                    continue;
                }
                pieces++;
                boolean more = ((DeferredOutput) next).writeNext(direct);
                direct.flush();
                if (!more) {
                    queued.remove(0);
                }
            }
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
        assertThat(source.reads).as("nothing read before the responder asks").isEmpty();
        sink.drain();

        // a literal cannot hold NUL (the random content has some): each goes as 0x80, the length unchanged
        assertThat(sink.all()).isEqualTo(concat(ascii("* 3 FETCH (UID 9 BODY[] {" + length + "}\r\n"),
                FetchEncoder.withoutNul(source.content), ascii(")\r\n")));
        assertThat(source.content).contains((byte) 0);
        assertThat(source.reads).extracting(read -> read[0] + "+" + read[1])
                .containsExactly("0+" + CHUNK, CHUNK + "+" + CHUNK, 2 * CHUNK + "+12345");
        // the buffered text first, then each chunk as its own write: one chunk held at a time
        assertThat(sink.writes).hasSize(6);
        assertThat(sink.writes.get(0)).isEqualTo(ascii("* 3 FETCH (UID 9 BODY[] "));
        assertThat(sink.writes.get(1)).isEqualTo(ascii("{" + length + "}\r\n"));
        assertThat(sink.writes.get(2)).hasSize(CHUNK);
        assertThat(sink.writes.get(4)).hasSize(12_345);
        assertThat(sink.pieces).as("one chunk per piece").isEqualTo(3);
    }

    @Test
    void deferredValueIsComputedWhenItsTurnComes() {
        RecordingSink sink = new RecordingSink();
        ImapWriter writer = new ImapWriter(sink);
        List<String> computed = new ArrayList<>();

        new ResponseEncoders().encode(new ImapResponse.Fetch(2, List.of(new FetchValue.Uid(5),
                new FetchValue.Deferred(() -> {
                    computed.add("section");
                    return new FetchValue.Section("BODY[HEADER]", ascii("Subject: x\r\n\r\n"));
                }), new FetchValue.Size(99))), writer);
        writer.flush();
        assertThat(computed).isEmpty();
        assertThat(sink.all()).isEqualTo(ascii("* 2 FETCH (UID 5 "));
        sink.drain();

        assertThat(computed).containsExactly("section");
        assertThat(sink.all()).isEqualTo(ascii("* 2 FETCH (UID 5 BODY[HEADER] {14}\r\nSubject: x\r\n\r\n RFC822.SIZE 99)\r\n"));
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
        sink.drain();

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
            new ResponseEncoders().encode(new ImapResponse.Fetch(1, List.of(
                    new FetchValue.StreamedSection("BODY[]", length, false, source))), writer);
            writer.flush();
            assertThatThrownBy(sink::drain).isInstanceOf(LiteralCutException.class);
            // the response's start, the literal header and the first chunk went out, nothing of the failed one
            assertThat(sink.writes).hasSize(3);
            assertThat(sink.writes.get(2)).isEqualTo(FetchEncoder.withoutNul(Arrays.copyOf(content, CHUNK)));
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
        new ResponseEncoders().encode(new ImapResponse.Fetch(1, List.of(
                new FetchValue.StreamedSection("BODY[]", length, false, source))), writer);
        writer.flush();

        assertThatThrownBy(sink::drain).isInstanceOf(LiteralCutException.class);
        assertThat(source.reads).hasSize(1);
    }
}
