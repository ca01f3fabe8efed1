package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The write deadline on a channel whose socket takes writes only when the test says so. */
class WriteDeadlineHandlerTest {

    /** Stands for the socket: holds every write until the client "reads" it. */
    static final class Socket extends ChannelOutboundHandlerAdapter {
        final Queue<ChannelPromise> unread = new ArrayDeque<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            unread.add(promise);
        }

        void read() {
            unread.remove().setSuccess();
        }
    }

    private final Socket socket = new Socket();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket, new WriteDeadlineHandler(Duration.ofSeconds(10)));

    private void write() {
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
    }

    private void elapse(int seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void outputNobodyReadsClosesTheConnectionAfterTheTimeout() {
        write();
        write();
        elapse(9);
        assertThat(channel.isOpen()).isTrue();
        elapse(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aSlowReaderThatKeepsReadingStays() {
        for (int i = 0; i < 5; i++) {
            write();
        }
        for (int i = 0; i < 4; i++) {
            elapse(8);
            socket.read();
        }
        assertThat(channel.isOpen()).as("each write completed within the timeout of the one before").isTrue();
        elapse(10);
        assertThat(channel.isOpen()).as("the last one did not").isFalse();
    }

    @Test
    void nothingPendingNothingExpires() {
        write();
        socket.read();
        elapse(3600);
        assertThat(channel.isOpen()).isTrue();
        write();
        elapse(9);
        assertThat(channel.isOpen()).as("the clock starts with the write").isTrue();
        channel.finishAndReleaseAll();
    }
}
