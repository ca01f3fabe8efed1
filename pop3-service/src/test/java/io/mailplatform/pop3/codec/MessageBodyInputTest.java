package io.mailplatform.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Streaming through a real ChunkedWriteHandler, with store reads completed by hand. */
class MessageBodyInputTest {

    /** A content source whose reads stay pending until the test completes them. */
    private static final class PendingSource implements MessageBodyInput.ContentSource {
        final byte[] content;
        final List<long[]> requests = new ArrayList<>();
        final List<CompletableFuture<Optional<byte[]>>> pending = new ArrayList<>();
        boolean vanish;

        PendingSource(byte[] content) {
            this.content = content;
        }

        @Override
        public CompletableFuture<Optional<byte[]>> read(long offset, int length) {
            requests.add(new long[] {offset, length});
            CompletableFuture<Optional<byte[]>> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        /** Completes the oldest pending read. */
        void completeNext() {
            long[] request = requests.get(requests.size() - pending.size());
            CompletableFuture<Optional<byte[]>> future = pending.remove(0);
            int from = (int) request[0];
            int to = (int) Math.min(content.length, request[0] + request[1]);
            future.complete(vanish ? Optional.empty() : Optional.of(Arrays.copyOfRange(content, from, to)));
        }
    }

    /** A channel with a real ChunkedWriteHandler; chunk arrivals resume it as a task, as in the server. */
    private static final class Transfer {
        final ChunkedWriteHandler writer = new ChunkedWriteHandler();
        final EmbeddedChannel channel = new EmbeddedChannel(writer);

        ChannelFuture start(String status, byte[] first, PendingSource source, int chunk, DotStuffer stuffer) {
            return channel.writeAndFlush(new MessageBodyInput(status, first, source, source.content.length, chunk,
                    stuffer, () -> channel.eventLoop().execute(writer::resumeTransfer)));
        }
    }

    private static byte[] message(int lines) {
        StringBuilder text = new StringBuilder("Subject: streamed\r\n\r\n");
        for (int i = 0; i < lines; i++) {
            text.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of the body\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String drain(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            out.writeBytes(bytes);
            buf.release();
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String expected(byte[] content, DotStuffer stuffer, String status) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        stuffer.encode(content, 0, content.length, out);
        stuffer.finish(out);
        String body = out.toString(StandardCharsets.US_ASCII);
        out.release();
        return status + body;
    }

    @Test
    void streamsChunkByChunkWaitingForEachReadAndPrefetchingOne() {
        byte[] content = message(400);
        int chunk = 1024;
        PendingSource source = new PendingSource(content);
        Transfer transfer = new Transfer();
        EmbeddedChannel channel = transfer.channel;
        ChannelFuture written = transfer.start("+OK " + content.length + " octets\r\n", Arrays.copyOf(content, chunk),
                source, chunk, DotStuffer.message());
        StringBuilder received = new StringBuilder(drain(channel));
        assertThat(received.toString()).startsWith("+OK " + content.length + " octets\r\nSubject: streamed");
        int rounds = 0;
        while (!written.isDone()) {
            assertThat(source.pending).as("one read in flight at a time").hasSize(1);
            assertThat(drain(channel)).as("nothing is sent while the chunk is being read").isEmpty();
            source.completeNext();
            channel.runPendingTasks();
            received.append(drain(channel));
            rounds++;
        }
        assertThat(written.isSuccess()).isTrue();
        assertThat(received.toString()).isEqualTo(expected(content, DotStuffer.message(), "+OK " + content.length
                + " octets\r\n"));
        assertThat(source.requests).allSatisfy(r -> assertThat(r[1]).isLessThanOrEqualTo(chunk));
        assertThat(rounds).isEqualTo((content.length + chunk - 1) / chunk - 1);
        channel.finishAndReleaseAll();
    }

    @Test
    void topStopsReadingOnceItsLinesAreSent() {
        byte[] content = message(400);
        int chunk = 1024;
        PendingSource source = new PendingSource(content);
        Transfer transfer = new Transfer();
        EmbeddedChannel channel = transfer.channel;
        ChannelFuture written = transfer.start("+OK\r\n", Arrays.copyOf(content, chunk), source, chunk, DotStuffer.top(3));
        channel.runPendingTasks();
        assertThat(written.isSuccess()).isTrue();
        assertThat(drain(channel)).isEqualTo(
                "+OK\r\nSubject: streamed\r\n\r\n..line 0 of the body\r\nline 1 of the body\r\nline 2 of the body\r\n.\r\n");
        assertThat(source.requests).as("the rest of the message is never read").isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageRemovedMidwayFailsTheTransfer() {
        byte[] content = message(400);
        PendingSource source = new PendingSource(content);
        Transfer transfer = new Transfer();
        EmbeddedChannel channel = transfer.channel;
        ChannelFuture written = transfer.start("+OK\r\n", Arrays.copyOf(content, 1024), source, 1024, DotStuffer.message());
        drain(channel);
        source.vanish = true;
        source.completeNext();
        channel.runPendingTasks();
        assertThat(written.isDone()).isTrue();
        assertThat(written.isSuccess()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void anEmptyMessageIsJustTheTerminator() {
        PendingSource source = new PendingSource(new byte[0]);
        Transfer transfer = new Transfer();
        EmbeddedChannel channel = transfer.channel;
        ChannelFuture written = transfer.start("+OK 0 octets\r\n", new byte[0], source, 1024, DotStuffer.message());
        assertThat(written.isSuccess()).isTrue();
        assertThat(drain(channel)).isEqualTo("+OK 0 octets\r\n.\r\n");
        assertThat(source.requests).isEmpty();
        channel.finishAndReleaseAll();
    }
}
